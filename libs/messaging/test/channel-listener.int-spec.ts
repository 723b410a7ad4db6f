import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createTestDatabase, dropTestDatabase, testInfra, waitFor } from '@partner-portal/testing';
import { ChannelListener } from '../src';

// The outbox relay, the e-mail sender, the webhook dispatcher and the connector feed sleep until a NOTIFY: a
// listening connection cut by the database (a restart, a failover, an administrator) must not leave them polling.
describe('ChannelListener', () => {
  let database: { name: string; url: string };
  let dataSource: DataSource;
  let admin: Client;
  let listener: ChannelListener;
  let notified = 0;
  const notify = () => dataSource.query(`SELECT pg_notify('test_channel', 'x')`);
  const cutListeningConnection = async () =>
    (
      await admin.query(
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
          WHERE datname = $1 AND query = 'LISTEN test_channel'`,
        [database.name],
      )
    ).rows[0].n as number;

  beforeEach(async () => {
    database = await createTestDatabase('channel-listener');
    dataSource = await new DataSource({ type: 'postgres', url: database.url, extra: { max: 4 } }).initialize();
    admin = new Client({ connectionString: testInfra().postgresAdminUrl });
    await admin.connect();
    notified = 0;
    listener = new ChannelListener(dataSource, 'test_channel', () => (notified += 1));
  });

  afterEach(async () => {
    await listener.close();
    await admin.query(`ALTER DATABASE "${database.name}" ALLOW_CONNECTIONS true`);
    await admin.end();
    await dataSource.destroy();
    await dropTestDatabase(database.name);
  });

  it('listens again by itself after its connection is cut, and wakes its owner for what it may have missed', async () => {
    await listener.open();
    await notify();
    await waitFor(
      () => notified,
      (n) => n === 1,
      { what: 'the first notification' },
    );

    expect(await cutListeningConnection()).toBe(1);
    await waitFor(
      () => listener.listening,
      (listening) => !listening,
      { what: 'the cut noticed' },
    );
    await waitFor(
      () => listener.listening,
      (listening) => listening,
      { what: 'listening again' },
    );
    // The wake-up for notifications sent while it was away.
    expect(notified).toBe(2);
    await notify();
    await waitFor(
      () => notified,
      (n) => n === 3,
      { what: 'a notification after the cut' },
    );
  });

  it('keeps trying while the database refuses connections, and listens once it lets them in again', async () => {
    await listener.open();
    await admin.query(`ALTER DATABASE "${database.name}" ALLOW_CONNECTIONS false`);
    expect(await cutListeningConnection()).toBe(1);
    await waitFor(
      () => listener.listening,
      (listening) => !listening,
      { what: 'the cut noticed' },
    );
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(listener.listening).toBe(false);

    await admin.query(`ALTER DATABASE "${database.name}" ALLOW_CONNECTIONS true`);
    await waitFor(
      () => listener.listening,
      (listening) => listening,
      { what: 'listening again', timeoutMs: 20_000 },
    );
    await notify();
    await waitFor(
      () => notified,
      (n) => n >= 2,
      { what: 'a notification after the database opened' },
    );
  });

  it('stays closed once closed', async () => {
    await listener.open();
    await listener.close();
    expect(listener.listening).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(listener.listening).toBe(false);
    const listening = await admin.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'LISTEN%' AND state = 'idle'`,
      [database.name],
    );
    expect(listening.rows[0].n).toBe(0);
  });
});
