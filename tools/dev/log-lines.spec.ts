import { readableLogLine } from './log-lines';

describe("npm start's service output", () => {
  it('shows a JSON log record as one short line: time, level, context, message, then the other fields', () => {
    const line = JSON.stringify({
      level: 'warn',
      time: '2026-03-01T14:03:11.123Z',
      service: 'invitations',
      requestId: 'r-1',
      context: 'EmailDeliveryWorker',
      invitationId: 'i-1',
      attempts: 3,
      reason: 'mailbox full',
      msg: 'invitation e-mail not sent',
    });

    expect(readableLogLine(line)).toBe(
      '14:03:11 WARN  [EmailDeliveryWorker] invitation e-mail not sent requestId=r-1 invitationId=i-1 attempts=3 reason="mailbox full"',
    );
  });

  it('shows an error by its message and a stack by its first line', () => {
    const line = JSON.stringify({
      level: 'error',
      time: '2026-03-01T14:03:11.123Z',
      service: 'licensing',
      err: { type: 'Error', message: 'connect ECONNREFUSED', stack: 'Error: connect ECONNREFUSED\n    at x' },
      error: 'Error: boom\n    at y',
      msg: 'request failed',
    });

    expect(readableLogLine(line)).toBe(
      '14:03:11 ERROR request failed err="connect ECONNREFUSED" error="Error: boom …"',
    );
  });

  it('prints anything that is not a log record as it is', () => {
    for (const line of ['{"issuer":"http://127.0.0.1:3200","accounts":3}', 'plain text', '{not json']) {
      expect(readableLogLine(line)).toBe(line);
    }
  });
});
