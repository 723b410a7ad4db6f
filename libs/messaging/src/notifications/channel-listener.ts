import type { Notification, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * LISTENs on a PostgreSQL channel on one pooled connection of a TypeORM data source and calls `onNotify` for each
 * notification (sent with `pg_notify` in a transaction, delivered when it commits). Notifications only shorten a
 * poll's wait: a broken connection is released and `open` may be called again.
 */
export class ChannelListener {
  private client?: PoolClient;

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

  async open(): Promise<void> {
    if (this.client) return;
    const pool = (this.dataSource.driver as unknown as { master: { connect(): Promise<PoolClient> } }).master;
    const client = await pool.connect();
    client.on('notification', (n: Notification) => {
      if (n.channel === this.channel) this.onNotify();
    });
    client.on('error', () => void this.close(true));
    try {
      await client.query(`LISTEN ${this.channel}`);
    } catch (error) {
      client.release(true);
      throw error;
    }
    this.client = client;
  }

  async close(broken = false): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    try {
      if (!broken) await client.query(`UNLISTEN ${this.channel}`);
    } catch {
      broken = true;
    }
    client.release(broken);
  }
}
