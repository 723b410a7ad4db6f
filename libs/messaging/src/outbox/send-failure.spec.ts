import { sendFailureOutcome } from './outbox-relay';

describe('a failed send of outbox rows', () => {
  it('given an outage, when a send fails, then no row is charged and none is parked, however often', () => {
    expect(sendFailureOutcome({ transient: true, rows: 1, attempts: 99 }, 5)).toEqual({ counts: false, park: false });
  });

  it('given a refusal of the rows, when it fails, then it counts; one row refused a fifth time is parked', () => {
    expect(sendFailureOutcome({ transient: false, rows: 1, attempts: 3 }, 5)).toEqual({ counts: true, park: false });
    expect(sendFailureOutcome({ transient: false, rows: 1, attempts: 4 }, 5)).toEqual({ counts: true, park: true });
  });

  it('given a batch, when it is refused, then it counts but nothing is parked until rows are sent one by one', () => {
    expect(sendFailureOutcome({ transient: false, rows: 3, attempts: 4 }, 5)).toEqual({ counts: true, park: false });
  });
});
