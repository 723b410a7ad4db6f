import type { Notification, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';

const REOPEN_FIRST_MS = 1_000;
const REOPEN_MAX_MS = 30_000;

/**
 * LISTENs on a PostgreSQL channel on one pooled connection of a TypeORM data source and calls `onNotify` for each
 * notification (sent with `pg_notify` in a transaction, delivered when it commits). Notifications only shorten a
 * poll's wait. A connection that breaks (or an `open` that fails) is opened again in the background, with a capped
 * backoff, until `close`; `onNotify` is called once it listens again, since notifications sent meanwhile are lost.
 */
export class ChannelListener {
  private client?: PoolClient;
  private opening?: Promise<void>;
  private closed = false;
  private reopenTimer?: NodeJS.Timeout;
  private reopenMs = REOPEN_FIRST_MS;

  constructor(
    private readonly dataSource: DataSource,
    private readonly channel: string,
    private readonly onNotify: () => void,
  ) {
    if (!/^[a-z_]+$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  }

  get listening(): boolean {
    return this.client !== undefined;
  }

  /** Listens, or rejects with why not (and keeps trying in the background until `close`). */
  open(): Promise<void> {
    this.closed = false;
    if (this.client) return Promise.resolve();
    // One connection per listener, however many callers ask at once.
    this.opening ??= this.connect().finally(() => (this.opening = undefined));
    return this.opening;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reopenTimer);
    this.reopenTimer = undefined;
    await this.opening?.catch(() => undefined);
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    let broken = false;
    try {
      await client.query(`UNLISTEN ${this.channel}`);
    } catch {
      broken = true;
    }
    client.release(broken);
  }

  private async connect(): Promise<void> {
    const pool = (this.dataSource.driver as unknown as { master: { connect(): Promise<PoolClient> } }).master;
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      this.reopenLater();
      throw error;
    }
    client.on('notification', (n: Notification) => {
      if (n.channel === this.channel) this.onNotify();
    });
    client.on('error', () => this.broken(client));
    try {
      await client.query(`LISTEN ${this.channel}`);
    } catch (error) {
      client.release(true);
      this.reopenLater();
      throw error;
    }
    if (this.closed) {
      client.release(true);
      return;
    }
    const reopened = this.reopenMs !== REOPEN_FIRST_MS;
    this.client = client;
    this.reopenMs = REOPEN_FIRST_MS;
    if (reopened) this.onNotify();
  }

  private broken(client: PoolClient): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.release(true);
    this.reopenLater();
  }

  private reopenLater(): void {
    if (this.closed || this.reopenTimer) return;
    const delay = this.reopenMs;
    this.reopenMs = Math.min(REOPEN_MAX_MS, this.reopenMs * 2);
    this.reopenTimer = setTimeout(() => {
      this.reopenTimer = undefined;
      if (!this.closed && !this.client) this.open().catch(() => undefined);
    }, delay);
    this.reopenTimer.unref();
  }
}
