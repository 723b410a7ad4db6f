import { caughtUp, LEASE_LAPSED, liveConsumption, nextPhase, statusOf, type RebuildRecord } from './rebuild-rules';

const record = (overrides: Partial<RebuildRecord> = {}): RebuildRecord => ({
  phase: 'replaying',
  leaseHeld: true,
  startedAt: new Date('2025-01-01T10:00:00Z'),
  finishedAt: null,
  eventsReplayed: 12,
  error: null,
  ...overrides,
});

describe('a rebuild moving through its phases', () => {
  it.each([
    ['replaying', 'caught_up', 'cutover'],
    ['cutover', 'switched', 'done'],
    ['replaying', 'failed', 'failed'],
    ['cutover', 'failed', 'failed'],
  ] as const)('given %s, when %s, then %s', (phase, step, next) => {
    expect(nextPhase(phase, step)).toBe(next);
  });

  it.each([
    ['replaying', 'switched'],
    ['cutover', 'caught_up'],
    ['done', 'failed'],
    ['failed', 'caught_up'],
    ['done', 'switched'],
  ] as const)('given %s, when %s, then the step does not apply', (phase, step) => {
    expect(nextPhase(phase, step)).toBeUndefined();
  });
});

describe('live consumption during a rebuild', () => {
  it('given no rebuild in cutover, applies', () => {
    expect(liveConsumption([])).toBe('apply');
  });

  it('given a rebuild in cutover with a current lease, holds', () => {
    expect(liveConsumption([{ leaseHeld: true }])).toBe('hold');
  });

  it('given a rebuild in cutover whose lease lapsed (its instance is gone), applies again', () => {
    expect(liveConsumption([{ leaseHeld: false }])).toBe('apply');
  });
});

describe('the status operators see', () => {
  it('given no rebuild ever, is idle', () => {
    expect(statusOf(undefined)).toEqual({ state: 'idle', eventsReplayed: 0 });
  });

  it('given a running rebuild with its lease, shows its phase and progress', () => {
    expect(statusOf(record({ phase: 'cutover' }))).toEqual({
      state: 'cutover',
      startedAt: '2025-01-01T10:00:00.000Z',
      eventsReplayed: 12,
    });
  });

  it('given a running rebuild whose lease lapsed, shows it failed', () => {
    expect(statusOf(record({ leaseHeld: false }))).toMatchObject({ state: 'failed', error: LEASE_LAPSED });
  });

  it('given an ended rebuild, shows how it ended whatever its lease', () => {
    const finishedAt = new Date('2025-01-01T10:05:00Z');
    expect(statusOf(record({ phase: 'done', leaseHeld: false, finishedAt }))).toEqual({
      state: 'done',
      startedAt: '2025-01-01T10:00:00.000Z',
      finishedAt: '2025-01-01T10:05:00.000Z',
      eventsReplayed: 12,
    });
    expect(statusOf(record({ phase: 'failed', error: 'boom', finishedAt }))).toMatchObject({
      state: 'failed',
      error: 'boom',
    });
  });
});

describe('a replay catching up', () => {
  const ends = [
    { partition: 0, low: '0', high: '10' },
    { partition: 1, low: '0', high: '0' },
    { partition: 2, low: '5', high: '5' },
  ];

  it('given every partition with data committed to its end, is caught up (empty ones need nothing)', () => {
    expect(caughtUp(ends, [{ partition: 0, offset: '10' }])).toBe(true);
  });

  it('given a partition committed short of its end, is not', () => {
    expect(caughtUp(ends, [{ partition: 0, offset: '9' }])).toBe(false);
  });

  it('given nothing committed yet, is not', () => {
    expect(caughtUp(ends, [{ partition: 0, offset: '-1' }])).toBe(false);
    expect(caughtUp(ends, [])).toBe(false);
  });
});
