import type { StructuredLogger } from '../logger';
import { backoffDelay, sleep, type BackoffPolicy } from '../retry';

/**
 * Where a link to Kafka stands: `connecting` until the first success, `up` once connected (for a consumer: joined
 * its group), `down` after a failure or a loss until the next success, `stopped` after `stop`.
 */
export type LinkState = 'connecting' | 'up' | 'down' | 'stopped';

/** Delays between attempts of a link: from half a second, doubling, at most 10 s (each with +-20% jitter). */
export const LINK_BACKOFF: BackoffPolicy = { initialDelayMs: 500, maxDelayMs: 10_000 };

/** What readiness and logs say about a link. */
export interface LinkStatus {
  state: LinkState;
  /** When the link entered this state. */
  since: Date;
  /** The last failure, while `down`. */
  error?: string;
}

/**
 * Keeps one Kafka client (a producer, a consumer group member) connected from the background, so that a service
 * starts, and keeps serving, while the broker is away. `connect` starts attempts with a capped, jittered backoff
 * until one succeeds; `lost` (a consumer crash kafkajs will not restart itself) starts them again. It logs once
 * per change of state, never per attempt: an outage of an hour is two lines, not thousands.
 */
export class KafkaLink {
  private status: LinkStatus = { state: 'connecting', since: new Date() };
  private readonly stopping = new AbortController();
  private loop?: Promise<void>;

  /**
   * @param name Names the link in logs and readiness, e.g. `consumer group licensing`.
   * @param attempt One connection attempt; resolves when connected, rejects with the reason otherwise.
   */
  constructor(
    readonly name: string,
    private readonly attempt: () => Promise<void>,
    private readonly logger: StructuredLogger,
    private readonly policy: BackoffPolicy = LINK_BACKOFF,
  ) {}

  /** Where the link stands now. */
  get current(): LinkStatus {
    return this.status;
  }

  /** Whether the last attempt succeeded and nothing was lost since. */
  get isUp(): boolean {
    return this.status.state === 'up';
  }

  /** Starts connecting in the background; does nothing while attempts are already running or once stopped. */
  connect(): void {
    if (this.loop || this.stopping.signal.aborted) return;
    this.loop = this.keepTrying().finally(() => (this.loop = undefined));
  }

  /** Reports that the connection was lost (and not recovered by the client itself): reconnects in the background. */
  lost(error: unknown): void {
    if (this.stopping.signal.aborted) return;
    // An attempt in hand sees the loss itself (it fails), and the loop goes on.
    if (this.loop) return;
    this.enter('down', error);
    this.connect();
  }

  /**
   * Stops attempting. An attempt in hand cannot be cancelled (the client's own retries run inside it), so this waits
   * for it at most `graceMs`: shutdown while the broker is away stays quick.
   */
  async stop(graceMs = 1_000): Promise<void> {
    this.stopping.abort();
    if (this.loop) await Promise.race([this.loop, sleep(graceMs)]);
    this.status = { state: 'stopped', since: new Date() };
  }

  private async keepTrying(): Promise<void> {
    for (let attempt = 1; !this.stopping.signal.aborted; attempt += 1) {
      try {
        await this.attempt();
        if (!this.stopping.signal.aborted) this.enter('up');
        return;
      } catch (error) {
        if (this.stopping.signal.aborted) return;
        const retryInMs = backoffDelay(attempt, this.policy);
        this.enter('down', error, { attempt, retryInMs });
        await sleep(retryInMs, this.stopping.signal);
      }
    }
  }

  private enter(state: LinkState, error?: unknown, fields: Record<string, unknown> = {}): void {
    const reason = error === undefined ? undefined : describe(error);
    const changed = state !== this.status.state;
    this.status = changed ? { state, since: new Date(), error: reason } : { ...this.status, error: reason };
    if (!changed) return;
    if (state === 'up') this.logger.info('kafka link up', { link: this.name });
    else this.logger.warn('kafka link down; retrying in the background', { link: this.name, error: reason, ...fields });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
