import { CsvError, parse } from 'csv-parse/sync';
import { validatePlain, type FieldError } from '@partner-portal/contracts';
import { OrderRequest, Refusal } from '@partner-portal/api-contracts';
import type { RequestedLine } from './order-rules';

/** Columns of an order upload, in the template's order; `orderRef` groups rows into orders. */
export const CSV_COLUMNS = [
  'orderRef',
  'requestedReceiptDate',
  'requisitionNo',
  'deliveryDescription',
  'deliveryLine1',
  'deliveryLine2',
  'deliveryCity',
  'deliveryPostalCode',
  'deliveryCountryCode',
  'itemNo',
  'quantity',
  'unitCode',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** The columns of the order itself, not of its key or a line: an order's first row gives them. */
const ORDER_COLUMNS = CSV_COLUMNS.filter((c) => !['orderRef', 'itemNo', 'quantity', 'unitCode'].includes(c));

/** Columns a file may leave out (people delete empty columns in Excel). */
export const OPTIONAL_CSV_COLUMNS: readonly CsvColumn[] = ['requisitionNo', 'deliveryLine2'];

/** Most data rows one upload may hold. */
export const CSV_MAX_ROWS = 5_000;

/** A problem of an upload: the row (1 = header, as a spreadsheet numbers it) and the column or field. */
export interface RowError {
  row: number;
  field: string;
  reason: string;
}

/** The two delimiters a spreadsheet writes: comma (English) or semicolon (Dutch, German and other locales). */
export type CsvDelimiter = ',' | ';';

/**
 * The delimiter of a file, read from its header line: semicolon when it holds more semicolons than commas outside
 * quotes (Excel in a Dutch or German locale), else comma. Only the header decides: data cells may hold either.
 */
export function delimiterOf(text: string): CsvDelimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c === ',') commas += 1;
    else if (!quoted && c === ';') semicolons += 1;
  }
  return semicolons > commas ? ';' : ',';
}

/** A record of a file with its spreadsheet row (blank rows count, as a spreadsheet shows them). */
export interface CsvRecord {
  row: number;
  fields: string[];
}

const PARSE_PROBLEMS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell is not closed (a " is missing)',
  CSV_INVALID_CLOSING_QUOTE: 'a quoted cell has text after its closing "',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'a row has another number of cells than the header',
};

/**
 * Reads CSV text with csv-parse: UTF-8 with or without a byte order mark, comma or semicolon (from the header line),
 * quoted cells holding delimiters, quotes ("") and line breaks, CRLF or LF. Rows whose cells are all blank (Excel
 * writes `;;;;` for formatted empty rows) are left out but keep their number. A file csv-parse cannot read gives one
 * error naming the row where reading stopped.
 */
export function readCsv(text: string): { delimiter: CsvDelimiter; records: CsvRecord[]; errors: RowError[] } {
  const content = text.replace(/^\uFEFF/, '');
  const delimiter = delimiterOf(content);
  try {
    const rows: string[][] = parse(content, {
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    });
    const records = rows
      .map((fields, i) => ({ row: i + 1, fields }))
      .filter((r) => r.fields.some((f) => f.trim() !== ''));
    return { delimiter, records, errors: [] };
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const row = (Number((error as CsvError & { records?: number }).records) || 0) + 1;
    return {
      delimiter,
      records: [],
      errors: [{ row, field: '(file)', reason: PARSE_PROBLEMS[error.code] ?? error.message }],
    };
  }
}

/** Dates as Excel writes them in day-first locales (`1-12-2026`, `01.12.2026`, `1/12/2026`). */
const DAY_FIRST_DATE = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/;

/**
 * A cell's value as the order expects it. In a semicolon file (written in a Dutch or German locale) a quantity may
 * have a decimal comma (`1,5`) and a date may be day-first (`1-12-2026`, `01.12.2026`); both are read as the ISO
 * forms. A comma file keeps its text as is: there, `1/12/2026` could be either month or day first.
 */
export function cellValue(column: string, raw: string, delimiter: CsvDelimiter): string {
  const text = raw.trim();
  if (delimiter !== ';') return text;
  if (column === 'quantity' && /^\d+,\d+$/.test(text)) return text.replace(',', '.');
  if (column === 'requestedReceiptDate') {
    const date = DAY_FIRST_DATE.exec(text);
    if (date) return `${date[3]}-${date[2].padStart(2, '0')}-${date[1].padStart(2, '0')}`;
  }
  return text;
}

/** A line of an uploaded order that passed its own checks, with its row, for the catalogue check. */
export interface UploadedLine {
  row: number;
  line: RequestedLine;
}

/** An order read from an upload, grouped by `orderRef`. */
export interface UploadedOrder {
  orderRef: string;
  /** The row of each line of the order, in the order's line order. */
  rows: number[];
  /** The order, when every field of it passed validation. */
  request?: OrderRequest;
  /** The lines whose own fields passed validation (all of them when `request` is set). */
  checkableLines: UploadedLine[];
}

/** What reading an upload found: its orders, every problem by row, and how it was read. */
export interface ReadUpload {
  delimiter: CsvDelimiter | null;
  rowCount: number;
  orders: UploadedOrder[];
  errors: RowError[];
}

/**
 * Reads an upload into orders, validating every row; every problem comes back at once with its row, and the orders
 * with the lines that could be checked further (so that the catalogue check can report theirs too). A file with
 * any problem must create nothing; that is the caller's decision.
 */
export function ordersFromCsv(text: string): ReadUpload {
  const { delimiter, records, errors } = readCsv(text);
  const refuse = (error: RowError): ReadUpload => ({ delimiter, rowCount: 0, orders: [], errors: [error] });
  if (errors.length) return { delimiter, rowCount: 0, orders: [], errors };
  if (records.length === 0) return refuse({ row: 1, field: '(file)', reason: 'the file is empty' });
  const [headerRecord, ...data] = records;
  const header = headerRecord.fields.map((h) => canonicalColumn(h));
  const missing = CSV_COLUMNS.filter((c) => !header.includes(c) && !OPTIONAL_CSV_COLUMNS.includes(c));
  if (missing.length > 0)
    return refuse({ row: headerRecord.row, field: '(header)', reason: `missing columns: ${missing.join(', ')}` });
  if (data.length === 0) return refuse({ row: 1, field: '(file)', reason: 'the file has no order lines' });
  if (data.length > CSV_MAX_ROWS)
    return refuse({ row: 1, field: '(file)', reason: `at most ${CSV_MAX_ROWS} lines per file` });

  const problems: RowError[] = [];
  const groups = new Map<string, Array<{ row: number; values: Record<string, string> }>>();
  for (const { row, fields } of data) {
    if (fields.length !== header.length) {
      problems.push({ row, field: '(row)', reason: `has ${fields.length} cells, the header has ${header.length}` });
      continue;
    }
    const values = Object.fromEntries(header.map((h, j) => [h, cellValue(h, fields[j], delimiter)]));
    if (!values.orderRef) {
      problems.push({ row, field: 'orderRef', reason: 'must not be empty' });
      continue;
    }
    groups.set(values.orderRef, [...(groups.get(values.orderRef) ?? []), { row, values }]);
  }

  const orders: UploadedOrder[] = [];
  for (const [orderRef, group] of groups) {
    const rows = group.map((g) => g.row);
    const first = group[0].values;
    // A later row may repeat the order's details or leave them empty, never say something else: that would be lost.
    for (const { row, values } of group.slice(1)) {
      for (const column of ORDER_COLUMNS) {
        if (values[column] && values[column] !== first[column]) {
          problems.push({
            row,
            field: column,
            reason: `differs from row ${rows[0]}, the first of order ${orderRef} ("${first[column] ?? ''}"); an order has one value`,
          });
        }
      }
    }
    const lines = group.map(({ values }) => ({
      itemNo: values.itemNo,
      quantity: values.quantity,
      unitCode: values.unitCode,
    }));
    const plain = {
      requestedReceiptDate: first.requestedReceiptDate,
      ...(first.requisitionNo ? { requisitionNo: first.requisitionNo } : {}),
      deliveryAddress: {
        description: first.deliveryDescription,
        line1: first.deliveryLine1,
        ...(first.deliveryLine2 ? { line2: first.deliveryLine2 } : {}),
        city: first.deliveryCity,
        postalCode: first.deliveryPostalCode,
        countryCode: first.deliveryCountryCode,
      },
      lines,
    };
    const { value, errors: fieldErrors } = validatePlain(OrderRequest, plain);
    problems.push(...fieldErrors.map((error) => rowOf(error, rows)));
    const failedLines = new Set(fieldErrors.flatMap((e) => /^lines\[(\d+)\]/.exec(e.field)?.[1] ?? []).map(Number));
    orders.push({
      orderRef,
      rows,
      ...(value ? { request: value } : {}),
      checkableLines: lines.flatMap((line, i) => (failedLines.has(i) ? [] : [{ row: rows[i], line }])),
    });
  }
  return { delimiter, rowCount: data.length, orders, errors: sortByRow(problems) };
}

/** A file with problems: 422 `upload_invalid` with every problem by row; no order of it is created. */
export function uploadInvalid(rowErrors: readonly RowError[]): Refusal {
  return new Refusal(
    'unprocessable',
    'upload_invalid',
    `${rowErrors.length} problem(s) in the file; no order was created`,
    {
      rowErrors: sortByRow(rowErrors),
    },
  );
}

/** Errors in row order (stable within a row). */
export function sortByRow(errors: readonly RowError[]): RowError[] {
  return [...errors].sort((a, b) => a.row - b.row);
}

/** A header cell as the column it names: trimmed, any letter case (`ItemNo`, `itemno`). */
function canonicalColumn(cell: string): string {
  const name = cell.trim();
  return CSV_COLUMNS.find((c) => c.toLowerCase() === name.toLowerCase()) ?? name;
}

const COLUMN_OF: Record<string, string> = {
  'deliveryAddress.description': 'deliveryDescription',
  'deliveryAddress.line1': 'deliveryLine1',
  'deliveryAddress.line2': 'deliveryLine2',
  'deliveryAddress.city': 'deliveryCity',
  'deliveryAddress.postalCode': 'deliveryPostalCode',
  'deliveryAddress.countryCode': 'deliveryCountryCode',
};

/** Maps an order field error to its row and column: line fields to the line's row, order fields to the first. */
export function rowOf(error: FieldError, rows: number[]): RowError {
  const line = /^lines\[(\d+)\]\.(\w+)$/.exec(error.field);
  if (line) return { row: rows[Number(line[1])], field: line[2], reason: error.reason };
  return { row: rows[0], field: COLUMN_OF[error.field] ?? error.field, reason: error.reason };
}
