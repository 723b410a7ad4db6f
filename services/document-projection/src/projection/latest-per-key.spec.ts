import { latestPerKey } from './latest-per-key';

describe('latestPerKey', () => {
  it('keeps the highest version per key, the later one on a tie, in first-seen key order', () => {
    const events = [
      { key: 'a', v: 2, n: 1 },
      { key: 'b', v: 1, n: 2 },
      { key: 'a', v: 1, n: 3 },
      { key: 'b', v: 1, n: 4 },
      { key: 'a', v: 5, n: 5 },
    ];
    expect(
      latestPerKey(
        events,
        (e) => e.key,
        (e) => e.v,
      ).map((e) => e.n),
    ).toEqual([5, 4]);
  });
});
