import { Client } from 'pg';
import { dlqTopicOf, Topics } from '@partner-portal/contracts';
import {
  erpPlace,
  EventPublisher,
  isolatedEnvironment,
  readTopic,
  startServiceProcess,
  testServiceEnv,
  waitFor,
  type IsolatedEnvironment,
  type ServiceProcess,
} from '@partner-portal/testing';
import { appliedChanges, documentStream, exactly, projectionCounts, streamOutcome } from '../src/document-stream';
import { recordFigures } from '../src/figures';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Faults 3, 6 and 7: document-projection's own processes die, come and go, and lose their database, mid-stream.
describe('document-projection under crashes, a rebalance storm and a database cut', () => {
  let env: IsolatedEnvironment;
  // The test's one connection, which the database cut spares (it cuts every other backend of the database).
  let db: Client;
  const running = new Set<ServiceProcess>();

  const start = async () => {
    const instance = await startServiceProcess('document-projection', testServiceEnv(env));
    running.add(instance);
    return instance;
  };
  const end = async (instance: ServiceProcess, signal: NodeJS.Signals) => {
    running.delete(instance);
    await (signal === 'SIGTERM' ? instance.stop() : instance.kill(signal));
  };
  const deadLetters = async () =>
    (
      await readTopic(env.kafkaBrokers, dlqTopicOf(`${env.topicPrefix}${Topics.ErpDocuments}`), {
        count: 100,
        timeoutMs: 2_000,
      })
    ).length;
  /**
   * Streams in the background, spread over 30 s so that every fault lands mid-stream (a healthy projection applies
   * the whole stream in a few seconds), while `faults` runs; resolves with the counts once everything is applied.
   */
  async function streamThrough(label: string, documents: number, faults: () => Promise<number>) {
    const startedAt = Date.now();
    const place = erpPlace(`tenant-${label}`);
    const stream = documentStream(place, documents, 4);
    const publisher = new EventPublisher(env.kafkaBrokers, env.topicPrefix);
    const chunk = 250;
    const streaming = (async () => {
      for (let i = 0; i < stream.events.length; i += chunk) {
        await publisher.publishMany(stream.events.slice(i, i + chunk), { batchSize: 125 });
        await pause((30_000 * chunk) / stream.events.length);
      }
    })();
    await waitFor(
      () => appliedChanges(db, stream.tenantId),
      (n) => n > 0,
      { what: 'the stream flowing', timeoutMs: 60_000 },
    );
    const injected = await faults();
    await streaming;
    await publisher.close();
    await waitFor(
      () => appliedChanges(db, stream.tenantId),
      (n) => n >= stream.events.length,
      { what: `the whole ${label} stream applied`, timeoutMs: 300_000, intervalMs: 1_000 },
    ).catch((error: Error) => {
      throw new Error([error.message, ...[...running].map((s) => s.diagnosis())].join('\n'));
    });
    return { startedAt, stream, injected, counts: await projectionCounts(db, stream) };
  }

  beforeAll(async () => {
    env = await isolatedEnvironment('projection-faults');
    await start();
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
  }, 120_000);
  afterAll(async () => {
    await Promise.allSettled([...running].map((s) => s.stop()));
    await db?.end();
    await env?.dispose();
  });

  it('killed with -9 five times mid-stream, around its batch commits, it loses nothing and doubles nothing', async () => {
    const { startedAt, stream, injected, counts } = await streamThrough('projection-kills', 2_500, async () => {
      let kills = 0;
      for (; kills < 5; kills += 1) {
        // Uneven moments, so that some kills land just before a batch's commit and some just after.
        await pause(700 + kills * 373);
        await end([...running][0], 'SIGKILL');
        await start();
      }
      return kills;
    });
    expect(counts).toEqual(exactly(stream));
    expect(await deadLetters()).toBe(0);
    recordFigures('document-projection killed -9 five times during a 10,000-event stream', startedAt, {
      ...streamOutcome(stream, counts),
      faults: injected,
    });
  }, 600_000);

  it('with instances started and stopped every few seconds (a rebalance storm), it loses nothing', async () => {
    const { startedAt, stream, injected, counts } = await streamThrough('rebalance-storm', 2_500, async () => {
      let changes = 0;
      for (; changes < 6; changes += 1) {
        await pause(2_000);
        if (changes % 2 === 0) await start();
        else await end([...running][0], 'SIGTERM');
      }
      return changes;
    });
    expect(counts).toEqual(exactly(stream));
    expect(await deadLetters()).toBe(0);
    recordFigures('rebalance storm: instances started and stopped every 2 s during a 10,000-event stream', startedAt, {
      ...streamOutcome(stream, counts),
      faults: injected,
      instancesAtEnd: running.size,
    });
  }, 600_000);

  it('with its connections killed mid-batch and the database closed for 20 s, it retries and continues, and no good event is dead-lettered', async () => {
    const database = (await db.query(`SELECT current_database() AS name`)).rows[0].name as string;
    const cut = () =>
      db.query(
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
          WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [database],
      );
    // A database cannot be closed from a connection to itself: the closing is done from the server's own database.
    const serverUrl = new URL(env.databaseUrl);
    serverUrl.pathname = '/postgres';
    const server = new Client({ connectionString: serverUrl.toString() });
    await server.connect();
    const { startedAt, stream, injected, counts } = await streamThrough('database-cut', 2_500, async () => {
      let terminated = 0;
      for (let i = 0; i < 3; i += 1) {
        await pause(500);
        terminated += (await cut()).rows[0].n;
      }
      // The database closed: no new connection is let in, and the open ones are cut.
      await server.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`);
      terminated += (await cut()).rows[0].n;
      await pause(20_000);
      await server.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`);
      return terminated;
    }).finally(() => server.end());
    expect(counts).toEqual(exactly(stream));
    expect(await deadLetters()).toBe(0);
    recordFigures('database connections killed mid-batch, then the database closed for 20 s', startedAt, {
      ...streamOutcome(stream, counts),
      faults: injected,
      deadLettered: await deadLetters(),
    });
  }, 600_000);
});
