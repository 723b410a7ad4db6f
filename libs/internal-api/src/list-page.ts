import type { DataSource, EntityManager } from 'typeorm';
import { pageWindow, type PageRequest } from '@partner-portal/api-contracts';

/**
 * The one way a service reads a page of a list (docs/gateway.md, "Paging"): `selectListPage` with the list as
 * `ListSql`, then `pageOf` (libs/api-contracts) over the rows mapped to the contract's items. The typed row of a
 * list stays beside its query, in the service or a `*.view.ts` next to it.
 */

/** One list as SQL: what a row holds, where rows come from, which rows, and their order. */
export interface ListSql {
  /** The columns of a row, over the aliases of `from`. */
  columns: string;
  /** The table (and joins) with their aliases, e.g. `document d`. */
  from: string;
  /** Which rows: the viewer's scope and the filters, with `params` as $1, $2... */
  where: string;
  /**
   * A total order: it ends in a unique key, so consecutive pages neither repeat nor skip a row while the list does
   * not change. The hot lists order by the columns of an index, so the page is read off the index.
   */
  orderBy: string;
  /** The values of `where`'s placeholders, in order; the page's limit and offset follow them. */
  params: readonly unknown[];
}

/** The row of the statement's answer that carries the count, and whether a list row came with it. */
interface Counted {
  listTotal: number;
  onPage: boolean | null;
}

/**
 * One page of a list and its total in one statement (one round trip): the count and the page share the filter and
 * its parameters, so the total always counts what the pages hold; the page is `ORDER BY ... LIMIT ... OFFSET ...`.
 * The count's row comes back even when the page is past the end (`LEFT JOIN LATERAL ... ON true`), then with no
 * list row on it (`onPage` null). The page keeps its order: a join `ON true` can only be a nested loop, whose one
 * outer row (the count) takes the ordered page as it comes.
 */
export function listPageSql(list: ListSql, request: PageRequest): { text: string; values: unknown[] } {
  const { limit, offset } = pageWindow(request);
  const n = list.params.length;
  return {
    text: `SELECT counted."listTotal", listed.*
  FROM (SELECT count(*)::int AS "listTotal" FROM ${list.from} WHERE ${list.where}) counted
  LEFT JOIN LATERAL (
    SELECT true AS "onPage", ${list.columns} FROM ${list.from} WHERE ${list.where}
     ORDER BY ${list.orderBy} LIMIT $${n + 1} OFFSET $${n + 2}) listed ON true`,
    values: [...list.params, limit, offset],
  };
}

/**
 * The rows of one page of a list (as `columns` names them) and every row the filter matches, read in one statement
 * through `db` (the data source, or a transaction's entity manager).
 */
export async function selectListPage<Row extends object>(
  db: DataSource | EntityManager,
  list: ListSql,
  request: PageRequest,
): Promise<{ rows: Row[]; total: number }> {
  const { text, values } = listPageSql(list, request);
  const answer: Array<Row & Counted> = await db.query(text, values);
  return { rows: rowsOfPage(answer), total: answer[0]?.listTotal ?? 0 };
}

/** The list rows of the statement's answer, without the count's columns. */
export function rowsOfPage<Row extends object>(answer: ReadonlyArray<Row & Counted>): Row[] {
  return answer
    .filter((row) => row.onPage)
    .map((row) => {
      const { listTotal: _total, onPage: _onPage, ...listed } = row;
      return listed as unknown as Row;
    });
}
