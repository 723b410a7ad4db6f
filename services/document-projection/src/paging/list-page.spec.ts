import { listPageSql, rowsOfPage } from './list-page';

describe('a page of a list', () => {
  const list = {
    columns: 'd.id, d.document_no',
    from: 'document d',
    where: 'd.tenant_id = $1 AND d.status = $2',
    orderBy: 'd.document_no DESC, d.id DESC',
    params: ['t1', 'Open'],
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
});
