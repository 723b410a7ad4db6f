import type { DataSource } from 'typeorm';
import { listPageSql, rowsOfPage, selectListPage } from './list-page';

describe('a page of a list', () => {
  const list = {
    columns: 'd.id, d.document_no',
    from: 'document d',
    where: 'd.tenant_id = $1 AND d.status = $2',
    orderBy: 'd.document_no DESC, d.id DESC',
    params: ['t1', 'Open'],
  };

  /** A data source that answers every statement with `answer` and remembers what it was asked. */
  const answering = (answer: object[]) => {
    const query = jest.fn().mockResolvedValue(answer);
    return { db: { query } as unknown as DataSource, query };
  };

  it('counts and reads the page with the same filter and parameters, in one statement', () => {
    const { text, values } = listPageSql(list, { page: 3, pageSize: 20 });
    expect(values).toEqual(['t1', 'Open', 20, 40]);
    expect(text.split('WHERE d.tenant_id = $1 AND d.status = $2')).toHaveLength(3);
    expect(text).toContain('count(*)::int AS "listTotal" FROM document d');
    expect(text).toContain('ORDER BY d.document_no DESC, d.id DESC LIMIT $3 OFFSET $4');
  });

  it('asks for the first rows on the first page', () => {
    expect(listPageSql(list, { page: 1, pageSize: 50 }).values.slice(-2)).toEqual([50, 0]);
  });

  it('numbers the limit and offset $1 and $2 when the filter has no parameters', () => {
    const { text, values } = listPageSql({ ...list, where: 'true', params: [] }, { page: 2, pageSize: 10 });
    expect(text).toContain('LIMIT $1 OFFSET $2');
    expect(values).toEqual([10, 10]);
  });

  it('reads the rows from the joins of the list, with their columns', () => {
    const { text } = listPageSql(
      { ...list, columns: 'd.id, p.name AS partner_name', from: 'document d LEFT JOIN partner p USING (partner_no)' },
      { page: 1, pageSize: 50 },
    );
    expect(text).toContain('SELECT true AS "onPage", d.id, p.name AS partner_name FROM document d LEFT JOIN partner p');
    expect(text).toContain('AS "listTotal" FROM document d LEFT JOIN partner p USING (partner_no) WHERE');
  });

  it('keeps the rows of the page without the count, in their order', () => {
    const rows = rowsOfPage([
      { listTotal: 7, onPage: true, id: 'a' },
      { listTotal: 7, onPage: true, id: 'b' },
    ]);
    expect(rows).toEqual([{ id: 'a' }, { id: 'b' }]);
  });

  it('has no rows past the last page, where only the count comes back', () => {
    expect(rowsOfPage([{ listTotal: 7, onPage: null, id: null }])).toEqual([]);
  });

  it('answers the page and the total from one query with the statement and its values', async () => {
    const { db, query } = answering([
      { listTotal: 12, onPage: true, id: 'a', document_no: 'D-2' },
      { listTotal: 12, onPage: true, id: 'b', document_no: 'D-1' },
    ]);

    const page = await selectListPage<{ id: string; document_no: string }>(db, list, { page: 2, pageSize: 2 });

    expect(page).toEqual({
      rows: [
        { id: 'a', document_no: 'D-2' },
        { id: 'b', document_no: 'D-1' },
      ],
      total: 12,
    });
    expect(query).toHaveBeenCalledTimes(1);
    expect(query).toHaveBeenCalledWith(listPageSql(list, { page: 2, pageSize: 2 }).text, ['t1', 'Open', 2, 2]);
  });

  it('answers no rows and the total for a page past the last', async () => {
    const { db } = answering([{ listTotal: 3, onPage: null, id: null, document_no: null }]);
    expect(await selectListPage(db, list, { page: 9, pageSize: 50 })).toEqual({ rows: [], total: 3 });
  });

  it('answers no rows and a total of zero for a list with no rows', async () => {
    const { db } = answering([{ listTotal: 0, onPage: null, id: null, document_no: null }]);
    expect(await selectListPage(db, list, { page: 1, pageSize: 50 })).toEqual({ rows: [], total: 0 });
  });
});
