/** Exact arithmetic on the decimal strings the contract uses for money and quantities. */
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

function parse(amount: string): { units: bigint; scale: number } {
  const match = DECIMAL.exec(amount);
  if (!match) throw new Error(`not a decimal string: ${amount}`);
  const [, sign, whole, fraction = ''] = match;
  return { units: BigInt(`${sign}${whole}${fraction}`), scale: fraction.length };
}

function format(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(-scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/**
 * `price x quantity`, exactly, with at least two decimals: `multiply('12.5', 3)` is `'37.50'`,
 * `multiply('12.50', '2.5')` is `'31.250'`. Both sides may be decimal strings (docs/events.md, "Conventions": money
 * and quantities).
 */
export function multiply(price: string, quantity: number | string): string {
  const a = parse(price);
  const b = parse(String(quantity));
  const scale = a.scale + b.scale;
  const product = a.units * b.units;
  return scale >= 2 ? format(product, scale) : format(product * 10n ** BigInt(2 - scale), 2);
}

/** Compares two decimal strings: negative, zero or positive like `a - b`. */
export function compareDecimals(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  const scale = Math.max(x.scale, y.scale);
  const diff = x.units * 10n ** BigInt(scale - x.scale) - y.units * 10n ** BigInt(scale - y.scale);
  return diff === 0n ? 0 : diff < 0n ? -1 : 1;
}

/** The exact sum of decimal strings, with the largest scale among them (at least two decimals). */
export function sum(amounts: string[]): string {
  const parsed = amounts.map(parse);
  const scale = Math.max(2, ...parsed.map((p) => p.scale));
  const total = parsed.reduce((acc, p) => acc + p.units * 10n ** BigInt(scale - p.scale), 0n);
  return format(total, scale);
}
