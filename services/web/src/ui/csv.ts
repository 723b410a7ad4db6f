/** A column of a CSV export: its header and the cell of a row. */
export interface CsvColumn<T> {
  header: string;
  value(row: T): string | number | boolean | null | undefined;
}

/** Characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: text that could start a formula is made plain text with a leading apostrophe; quoted when needed. */
export function csvCell(value: string | number | boolean | null | undefined, delimiter = ','): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  const needsQuotes = text.includes(delimiter) || /["\r\n]/.test(text) || text !== text.trim();
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 text (CRLF lines) with a byte order mark, so Excel reads UTF-8 names right. */
export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[], delimiter = ','): string {
  const line = (cells: Array<string | number | boolean | null | undefined>) =>
    cells.map((cell) => csvCell(cell, delimiter)).join(delimiter);
  const lines = [line(columns.map((c) => c.header)), ...rows.map((row) => line(columns.map((c) => c.value(row))))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** A page of a list as every list of the API answers it (`page`, `pageSize`, `total`; docs/gateway.md, "Paging"). */
export interface PageOf<T> {
  items: T[];
  total: number;
}

/**
 * Every row of a filtered list, page by page (the export is of the filtered set, not the visible page). Stops at
 * `limit` rows so a browser tab is never asked to hold more than it can; `capped` tells that the list held more
 * (the page says so, rather than pretending the file is complete).
 */
export async function fetchAllPages<T>(
  fetchPage: (page: number, pageSize: number) => Promise<PageOf<T>>,
  options: { pageSize?: number; limit?: number; onProgress?(done: number, total: number): void } = {},
): Promise<{ rows: T[]; capped: boolean }> {
  const pageSize = options.pageSize ?? 200;
  const limit = options.limit ?? 100_000;
  const rows: T[] = [];
  for (let page = 1; ; page += 1) {
    const { items, total } = await fetchPage(page, pageSize);
    rows.push(...items);
    options.onProgress?.(Math.min(rows.length, limit), total);
    if (rows.length >= limit) return { rows: rows.slice(0, limit), capped: total > limit };
    if (items.length < pageSize || rows.length >= total) return { rows, capped: false };
  }
}

/** Hands a text to the browser as a file download. */
export function download(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
