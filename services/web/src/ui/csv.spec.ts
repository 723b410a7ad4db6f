import { csvCell, fetchAllPages, toCsv } from './csv';

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
    const result = await fetchAllPages(async (page, pageSize) => {
      asked.push(page);
      return { items: all.slice((page - 1) * pageSize, page * pageSize), total: all.length };
    });
    expect(result).toEqual({ rows: all, capped: false });
    expect(asked).toEqual([1, 2, 3]);
  });

  it('stops after a full last page when the total is reached, without asking past the end', async () => {
    const all = Array.from({ length: 400 }, (_, i) => i);
    const asked: number[] = [];
    const result = await fetchAllPages(async (page, pageSize) => {
      asked.push(page);
      return { items: all.slice((page - 1) * pageSize, page * pageSize), total: all.length };
    });
    expect(result.rows).toHaveLength(400);
    expect(asked).toEqual([1, 2]);
  });

  it('stops at the limit and says the list held more', async () => {
    const endless = async (page: number, pageSize: number) => ({
      items: Array.from({ length: pageSize }, (_, i) => (page - 1) * pageSize + i),
      total: 1_000_000,
    });
    const result = await fetchAllPages(endless, { limit: 500 });
    expect(result.rows).toHaveLength(500);
    expect(result.capped).toBe(true);
    const exact = async (page: number, pageSize: number) => ({
      items: Array.from({ length: Math.max(0, Math.min(pageSize, 3 - (page - 1) * pageSize)) }, (_, i) => i),
      total: 3,
    });
    expect(await fetchAllPages(exact, { pageSize: 2, limit: 3 })).toEqual({ rows: [0, 1, 0], capped: false });
  });

  it('reports its progress against the total of the list', async () => {
    const seen: Array<[number, number]> = [];
    await fetchAllPages(async (page) => ({ items: page === 1 ? [1, 2] : [3], total: 3 }), {
      pageSize: 2,
      onProgress: (done, total) => seen.push([done, total]),
    });
    expect(seen).toEqual([
      [2, 3],
      [3, 3],
    ]);
  });
});
