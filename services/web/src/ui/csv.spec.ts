import { csvCell, fetchAllCursorPages, fetchAllPages, toCsv } from './csv';

describe('CSV export', () => {
  it('writes a header and one CRLF line per row, after a byte order mark', () => {
    const csv = toCsv(
      [
        { name: 'Rita', count: 2 },
        { name: 'Aaron', count: 0 },
      ],
      [
        { header: 'Name', value: (r) => r.name },
        { header: 'Count', value: (r) => r.count },
      ],
    );
    expect(csv).toBe('\uFEFFName,Count\r\nRita,2\r\nAaron,0\r\n');
  });

  it('quotes cells with the delimiter, quotes, line breaks or edge spaces', () => {
    expect(csvCell('Fabrikam, Inc.')).toBe('"Fabrikam, Inc."');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' padded')).toBe('" padded"');
    expect(csvCell('a;b', ';')).toBe('"a;b"');
    expect(csvCell('a;b', ',')).toBe('a;b');
  });

  it('never lets a text cell start a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
    expect(csvCell('+31 20 123')).toBe("'+31 20 123");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
  });

  it('keeps numbers as numbers, and empty cells empty', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(false)).toBe('false');
  });

  it('collects every page of the filtered set, not only the first', async () => {
    const all = Array.from({ length: 450 }, (_, i) => i);
    const asked: number[] = [];
    const rows = await fetchAllPages(async (page, pageSize) => {
      asked.push(page);
      return { items: all.slice((page - 1) * pageSize, page * pageSize), total: all.length };
    });
    expect(rows).toEqual(all);
    expect(asked).toEqual([1, 2, 3]);
  });

  it('follows the cursor to the last page of the filtered set', async () => {
    const pages: Record<string, { items: number[]; nextCursor: string | null }> = {
      first: { items: [1, 2], nextCursor: 'b' },
      b: { items: [3, 4], nextCursor: 'c' },
      c: { items: [5], nextCursor: null },
    };
    const asked: Array<string | undefined> = [];
    const result = await fetchAllCursorPages(async (cursor) => {
      asked.push(cursor);
      return pages[cursor ?? 'first'];
    });
    expect(result).toEqual({ rows: [1, 2, 3, 4, 5], capped: false });
    expect(asked).toEqual([undefined, 'b', 'c']);
  });

  it('stops following the cursor at the limit and says the list held more', async () => {
    const endless = async (cursor: string | undefined) => {
      const start = Number(cursor ?? 0);
      return { items: [start, start + 1, start + 2], nextCursor: String(start + 3) };
    };
    expect(await fetchAllCursorPages(endless, { limit: 7 })).toEqual({ rows: [0, 1, 2, 3, 4, 5, 6], capped: true });
    const exact = async (cursor: string | undefined) =>
      cursor ? { items: [3], nextCursor: null } : { items: [1, 2], nextCursor: 'x' };
    expect(await fetchAllCursorPages(exact, { limit: 3 })).toEqual({ rows: [1, 2, 3], capped: false });
  });

  it('stops at the limit', async () => {
    const rows = await fetchAllPages(
      async (page, pageSize) => ({
        items: Array.from({ length: pageSize }, (_, i) => (page - 1) * pageSize + i),
        total: 1_000_000,
      }),
      { limit: 500 },
    );
    expect(rows).toHaveLength(500);
  });
});
