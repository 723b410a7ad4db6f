import { Client } from 'pg';

/** What a database has committed so far (pg_stat_database): transactions, and rows inserted, updated or deleted. */
export interface DatabaseActivity {
  transactions: number;
  commits: number;
  rowsWritten: number;
}

/** Each database's activity counters; differences of two readings are what happened between them. */
export async function databaseActivity(urls: Record<string, string>): Promise<Record<string, DatabaseActivity>> {
  const activity: Record<string, DatabaseActivity> = {};
  for (const [service, url] of Object.entries(urls)) {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ t: string; c: string; w: string }>(
        `SELECT xact_commit + xact_rollback AS t, xact_commit AS c, tup_inserted + tup_updated + tup_deleted AS w
           FROM pg_stat_database WHERE datname = current_database()`,
      );
      activity[service] = {
        transactions: Number(rows[0].t),
        commits: Number(rows[0].c),
        rowsWritten: Number(rows[0].w),
      };
    } finally {
      await client.end();
    }
  }
  return activity;
}

/** The sum over databases of `after - before`. */
export function activityBetween(
  before: Record<string, DatabaseActivity>,
  after: Record<string, DatabaseActivity>,
): DatabaseActivity {
  const total: DatabaseActivity = { transactions: 0, commits: 0, rowsWritten: 0 };
  for (const service of Object.keys(after)) {
    total.transactions += after[service].transactions - (before[service]?.transactions ?? 0);
    total.commits += after[service].commits - (before[service]?.commits ?? 0);
    total.rowsWritten += after[service].rowsWritten - (before[service]?.rowsWritten ?? 0);
  }
  return total;
}

/**
 * The bare ceiling of a write path (issue 18): one plain `pg` client making `commits` commits that write `rows`
 * rows between them (spread evenly, a few columns each, into one indexed scratch table), one after another. Answers
 * the seconds it took.
 */
export async function bareCommits(url: string, commits: number, rows: number): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS bench_bare_write`);
    await client.query(
      `CREATE TABLE bench_bare_write (id bigserial PRIMARY KEY, key uuid NOT NULL, body text NOT NULL, at timestamptz NOT NULL)`,
    );
    const started = performance.now();
    let written = 0;
    for (let i = 1; i <= commits; i += 1) {
      const upTo = Math.round((rows * i) / commits);
      await client.query('BEGIN');
      if (upTo > written) {
        await client.query(
          `INSERT INTO bench_bare_write (key, body, at)
           SELECT gen_random_uuid(), repeat('x', 200), now() FROM generate_series(1, $1)`,
          [upTo - written],
        );
      }
      await client.query('COMMIT');
      written = upTo;
    }
    const seconds = (performance.now() - started) / 1_000;
    await client.query(`DROP TABLE bench_bare_write`);
    return seconds;
  } finally {
    await client.end();
  }
}
