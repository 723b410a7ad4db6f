import { validatePlain } from '@partner-portal/contracts';
import { ListDocumentsQuery, StockQuery } from './documents.requests';
import { CatalogueQuery } from './orders.requests';
import { PAGE_MAX, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, PageQuery, pageOf, pageWindow } from './paging';

describe('paging', () => {
  it('asks for the first page of 50 when the request names neither page nor size', () => {
    const { value } = validatePlain(PageQuery, {});
    expect(value).toMatchObject({ page: 1, pageSize: PAGE_SIZE_DEFAULT });
    expect(PAGE_SIZE_DEFAULT).toBe(50);
  });

  it('reads page and size from query text, as numbers', () => {
    expect(validatePlain(PageQuery, { page: '2', pageSize: '200' }).value).toMatchObject({ page: 2, pageSize: 200 });
  });

  it('refuses a page size above 200, a page below 1 and a page beyond the highest, naming each', () => {
    const { errors } = validatePlain(PageQuery, { page: '0', pageSize: String(PAGE_SIZE_MAX + 1) });
    expect(errors.map((e) => e.field).sort()).toEqual(['page', 'pageSize']);
    expect(validatePlain(PageQuery, { page: String(PAGE_MAX + 1) }).errors.map((e) => e.field)).toEqual(['page']);
    const notWhole = validatePlain(PageQuery, { page: '1.5', pageSize: 'ten' }).errors.map((e) => e.field);
    expect(new Set(notWhole)).toEqual(new Set(['page', 'pageSize']));
  });

  it('pages every list the same way: documents, stock and the item catalogue take page and pageSize', () => {
    for (const query of [ListDocumentsQuery, StockQuery, CatalogueQuery]) {
      expect(validatePlain(query, { page: '3', pageSize: '20' }).value).toMatchObject({ page: 3, pageSize: 20 });
      expect(validatePlain(query, { pageSize: '201' }).errors.map((e) => e.field)).toEqual(['pageSize']);
    }
  });

  it('skips the pages before the one asked for', () => {
    expect(pageWindow({ page: 1, pageSize: 50 })).toEqual({ limit: 50, offset: 0 });
    expect(pageWindow({ page: 2, pageSize: 50 })).toEqual({ limit: 50, offset: 50 });
    expect(pageWindow({ page: 3, pageSize: 7 })).toEqual({ limit: 7, offset: 14 });
  });

  it('answers a page with the page and size asked for and the total, also past the last page', () => {
    expect(pageOf(['a', 'b'], { page: 2, pageSize: 2 }, 5)).toEqual({
      items: ['a', 'b'],
      page: 2,
      pageSize: 2,
      total: 5,
    });
    expect(pageOf([], { page: 9, pageSize: 2 }, 5)).toEqual({ items: [], page: 9, pageSize: 2, total: 5 });
  });
});
