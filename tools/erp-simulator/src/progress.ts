/** Progress of a long run on stderr, once a second: events sent, the rate, errors. */
export class Progress {
  private readonly started = Date.now();
  private lastPrinted = 0;
  sent = 0;
  errors = 0;

  constructor(
    private readonly label: string,
    private readonly write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {}

  count(sent: number, errors = 0): void {
    this.sent += sent;
    this.errors += errors;
    if (Date.now() - this.lastPrinted >= 1_000) this.print();
  }

  print(): void {
    this.lastPrinted = Date.now();
    const seconds = (Date.now() - this.started) / 1_000;
    this.write(
      `[${this.label}] ${this.sent} events sent in ${seconds.toFixed(1)} s (${Math.round(this.sent / Math.max(seconds, 0.001))}/s), ${this.errors} errors`,
    );
  }
}
