import { compareDecimals, multiply, sum } from './decimal';

describe('decimal strings', () => {
  it('multiplies exactly, keeping at least two decimals', () => {
    expect(multiply('12.5', 3)).toBe('37.50');
    expect(multiply('12.50', 25)).toBe('312.50');
    expect(multiply('0.1', 3)).toBe('0.30');
    expect(multiply('19.999', 1000)).toBe('19999.000');
    expect(multiply('7', 2)).toBe('14.00');
    expect(multiply('12.50', '2.5')).toBe('31.250');
  });

  it('compares exactly', () => {
    expect(compareDecimals('0.10', '0.1')).toBe(0);
    expect(compareDecimals('2', '10.5')).toBe(-1);
    expect(compareDecimals('-1', '-2')).toBe(1);
  });

  it('sums exactly', () => {
    expect(sum(['0.10', '0.20'])).toBe('0.30');
    expect(sum(['12.50', '1.005', '100'])).toBe('113.505');
    expect(sum([])).toBe('0.00');
  });
});
