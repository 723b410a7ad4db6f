import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Pool } from 'pg';
import { repoRoot } from '@partner-portal/infra';
import { listPageSql } from '@partner-portal/internal-api';
import { limitVerdict, rateVerdict, type Verdict } from './bench-env';
import { constantRate, measureAtRates, type RateRun } from './constant-rate';

/** How a request names the partner whose page the bare server answers (the ceiling has no principal to read). */
export const BARE_PARTNER_QUERY = 'partnerNo';

/** What the bare server takes from document-projection's build, so that it runs the service's own statement. */
interface DocumentListSql {
  LIST_COLUMNS: string;
  ORDER: Record<'date_desc', { columns: string[]; direction: string }>;
}
interface Visibility {
  visibleDocuments(viewer: object): { sql: string; params: unknown[] };
}

/**
 * The bare ceiling of the document query benchmarks (issue 18): a plain `node:http` server answering a customer
 * representative's first page of purchase orders with the statement document-projection runs for it (its
 * visibility condition, its columns and order, read from the service's build, and `listPageSql`), through one `pg`
 * pool as large as the service's. No framework, no principal, no membership lookup, no mapping: what answering that
 * page costs at least on this machine, measured in the same run as the real path.
 */
export async function startBareDocumentServer(
  databaseUrl: string,
  tenantId: string,
  poolSize = 12,
): Promise<{ url: string; stop(): Promise<void> }> {
  const built = join(repoRoot, 'services/document-projection/dist/documents');
  const { LIST_COLUMNS, ORDER } = (await import(join(built, 'document-list.sql.js'))) as DocumentListSql;
  const { visibleDocuments } = (await import(join(built, 'visibility.js'))) as Visibility;
  const statementOf = (partnerNo: string) => {
    const visible = visibleDocuments({
      kind: 'representative',
      tenantId,
      environment: 'production',
      companyId: 'CRONUS',
      partnerType: 'customer',
      partnerNo,
    });
    const params = [...visible.params, 'sales_order'];
    return listPageSql(
      {
        columns: LIST_COLUMNS,
        from: 'document d',
        where: `${visible.sql} AND d.document_type = $${params.length}`,
        orderBy: ORDER.date_desc.columns.map((c) => `${c} ${ORDER.date_desc.direction}`).join(', '),
        params,
      },
      { page: 1, pageSize: 50 },
    );
  };
  const pool = new Pool({ connectionString: databaseUrl, max: poolSize });
  const server = createServer((request, response) => {
    const partnerNo = new URL(request.url ?? '/', 'http://bare').searchParams.get(BARE_PARTNER_QUERY) ?? '';
    const { text, values } = statementOf(partnerNo);
    pool.query(text, values).then(
      ({ rows }) => {
        const items = rows.filter((row) => row.onPage);
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ items, total: rows[0]?.listTotal ?? 0, page: 1, pageSize: 50 }));
      },
      (error: Error) => {
        response.statusCode = 500;
        response.end(error.message);
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
    },
  };
}

/**
 * The bare server's figures at the same rates, for the first `partners` partners in turn, with its CPU and the
 * database's: measured right after the real path, in the same run.
 */
export async function measureBareCeiling(
  databaseUrl: string,
  tenantId: string,
  rates: number[],
  seconds: number,
  partners: number,
): Promise<RateRun[]> {
  const bare = await startBareDocumentServer(databaseUrl, tenantId);
  try {
    const request = (i: number) => ({ path: `/documents?${BARE_PARTNER_QUERY}=C${10_000 + (i % partners)}` });
    await constantRate(bare.url, 500, 5, request);
    return await measureAtRates(bare.url, rates, seconds, request, {
      postgres: /^postgres/,
      loadGeneratorAndBareServer: /bench\/src\//,
    });
  } finally {
    await bare.stop();
  }
}

/** The verdicts of a first-page benchmark: p99 and the rate reached at the highest rate, beside the bare ceiling. */
export function firstPageVerdicts(runs: RateRun[], bare: RateRun[], p99LimitMs: number): Verdict[] {
  const run = runs[runs.length - 1];
  const ceiling = bare.find((b) => b.targetRate === run.targetRate);
  // Every request sent is counted once in `statuses`; the 200s of them, per second of the run.
  const okPerSecond = Math.round((run.requestsPerSecond * (run.statuses['200'] ?? 0)) / sum(run.statuses));
  return [
    limitVerdict(
      `p99 at ${run.targetRate} requests/s`,
      run.p99Ms,
      'ms',
      p99LimitMs,
      ceiling && { figure: ceiling.p99Ms, is: 'the bare node:http + pg server' },
    ),
    rateVerdict(`answered 200 per second, offered ${run.targetRate}`, okPerSecond, 'requests/s', {
      least: Math.round(run.targetRate * 0.99),
    }),
  ];
}

const sum = (statuses: Record<string, number>) => Object.values(statuses).reduce((a, b) => a + b, 0);
