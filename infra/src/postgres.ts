import { existsSync, readdirSync } from 'node:fs';
import { Client } from 'pg';
import { delay, PrerequisiteError, run, silent, type ProgressLog } from './process-tools';

/** One database per service (ARCHITECTURE.md section 2); infra/postgres/init creates the same for Docker. */
export const SERVICE_DATABASES = ['partner_identity', 'licensing', 'invitations', 'document_projection'] as const;

/** The administrative connection: POSTGRES_ADMIN_URL, by default the local server's `postgres` database. */
export function postgresAdminUrl(): string {
  return process.env.POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** The URL of another database on the same server as `adminUrl`. */
export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function connect(adminUrl: string): Promise<Client> {
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  return client;
}

/**
 * Connects to the server, starting a local Debian cluster that is installed but stopped (after a crash or a
 * reboot); throws naming what to install or set when there is no server.
 */
export async function requirePostgres(adminUrl = postgresAdminUrl(), log: ProgressLog = silent) {
  try {
    return await connect(adminUrl);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const local = ['127.0.0.1', 'localhost'].includes(new URL(adminUrl).hostname);
    if (code === 'ECONNREFUSED' && local && existsSync('/etc/postgresql')) {
      for (const version of readdirSync('/etc/postgresql')) {
        log(`PostgreSQL is not answering; starting cluster ${version}/main ...`);
        run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start']);
      }
      for (let i = 0; i < 20; i += 1) {
        await delay(500);
        try {
          return await connect(adminUrl);
        } catch {
          // still starting
        }
      }
    }
    throw new PrerequisiteError(
      `PostgreSQL is not reachable at ${redact(adminUrl)} (${(error as Error).message}). ` +
        'Install and start PostgreSQL 14+ (Debian/Ubuntu: apt-get install postgresql), ' +
        'or set POSTGRES_ADMIN_URL to a server where this user may create databases.',
    );
  }
}

/** Creates the databases that do not exist yet. Idempotent, safe when two processes race. */
export async function ensureDatabases(
  names: readonly string[] = SERVICE_DATABASES,
  adminUrl = postgresAdminUrl(),
  log: ProgressLog = silent,
): Promise<string[]> {
  const client = await requirePostgres(adminUrl, log);
  const created: string[] = [];
  try {
    for (const name of names) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name ${name}`);
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (rowCount) continue;
      try {
        await client.query(`CREATE DATABASE "${name}"`);
        created.push(name);
      } catch (error) {
        if ((error as { code?: string }).code !== '42P04') throw error; // created meanwhile by someone else
      }
    }
  } finally {
    await client.end();
  }
  return created;
}

/** Drops a database, disconnecting its sessions first (test clean-up). */
export async function dropDatabase(name: string, adminUrl = postgresAdminUrl()): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name ${name}`);
  const client = await connect(adminUrl);
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Which of the service databases exist. */
export async function existingDatabases(adminUrl = postgresAdminUrl()): Promise<string[]> {
  const client = await connect(adminUrl);
  try {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname = ANY($1) ORDER BY datname',
      [[...SERVICE_DATABASES]],
    );
    return rows.map((r) => r.datname);
  } finally {
    await client.end();
  }
}

/** A URL with its password hidden, for messages. */
export function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
