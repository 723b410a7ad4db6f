import { backoffDelay, isTransientError, TransientError } from './retry';

describe('isTransientError', () => {
  it.each([
    [
      'a lost TCP connection',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    ['a PostgreSQL connection failure', Object.assign(new Error('connection failure'), { code: '08006' })],
    ['a serialization failure', Object.assign(new Error('could not serialize access'), { code: '40001' })],
    ['a deadlock', Object.assign(new Error('deadlock detected'), { code: '40P01' })],
    ['an administrator shutdown', Object.assign(new Error('terminating connection'), { code: '57P01' })],
    [
      'a database closed to new connections',
      Object.assign(new Error('database "portal" is not currently accepting connections'), { code: '55000' }),
    ],
    ['a KafkaJS connection error', Object.assign(new Error('Connection error'), { name: 'KafkaJSConnectionError' })],
    [
      'a retriable KafkaJS protocol error',
      Object.assign(new Error('leader not available'), { name: 'KafkaJSProtocolError', retriable: true }),
    ],
    ['a pool with no connection to give within its timeout', new Error('timeout exceeded when trying to connect')],
    ['an explicit TransientError', new TransientError('try later')],
    [
      'an error caused by an outage',
      new Error('query failed', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) }),
    ],
  ])('treats %s as transient', (_what, error) => {
    expect(isTransientError(error)).toBe(true);
  });

  it.each([
    ['a bug in a handler', new TypeError("Cannot read properties of undefined (reading 'partnerNo')")],
    ['a unique violation', Object.assign(new Error('duplicate key'), { code: '23505' })],
    ['another object in the wrong state', Object.assign(new Error('sequence is not yet defined'), { code: '55000' })],
    [
      'a message too large for the broker',
      Object.assign(new Error('too large'), { name: 'KafkaJSProtocolError', retriable: false }),
    ],
    ['a thrown string', 'boom'],
  ])('does not treat %s as transient', (_what, error) => {
    expect(isTransientError(error)).toBe(false);
  });
});

describe('backoffDelay', () => {
  it('doubles from the first delay and stays within 20% jitter of it', () => {
    const policy = { initialDelayMs: 100, maxDelayMs: 10_000 };
    for (const [attempt, base] of [
      [1, 100],
      [2, 200],
      [4, 800],
    ]) {
      const delay = backoffDelay(attempt, policy);
      expect(delay).toBeGreaterThanOrEqual(base * 0.8);
      expect(delay).toBeLessThanOrEqual(base * 1.2);
    }
  });

  it('never exceeds the cap (plus jitter), however many attempts', () => {
    expect(backoffDelay(60, { initialDelayMs: 100, maxDelayMs: 5_000 })).toBeLessThanOrEqual(6_000);
  });
});
