import { validatePlain, type FieldError } from '@partner-portal/contracts';
import { OrderRequest } from '@partner-portal/api-contracts';

/** Columns of an order upload, in this order; `orderRef` groups rows into orders. */
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

/** Most data rows one upload may hold. */
export const CSV_MAX_ROWS = 5_000;

/** A problem of an upload: the row (1 = header) and the column or field. */
export interface RowError {
  row: number;
  field: string;
  reason: string;
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. Returns rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

/** An order read from an upload, with the row of each of its lines. */
export interface UploadedOrder {
  orderRef: string;
  request: OrderRequest;
  rows: number[];
}

/**
 * Reads an upload into orders, validating every row; returns all errors at once with their row numbers, so that a
 * file with any error creates nothing.
 */
export function ordersFromCsv(text: string): { orders: UploadedOrder[]; errors: RowError[] } {
  const rows = parseCsv(text.replace(/^\uFEFF/, ''));
  const errors: RowError[] = [];
  if (rows.length === 0) return { orders: [], errors: [{ row: 1, field: '(file)', reason: 'the file is empty' }] };
  const header = rows[0].map((h) => h.trim());
  const missing = CSV_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0)
    return { orders: [], errors: [{ row: 1, field: '(header)', reason: `missing columns: ${missing.join(', ')}` }] };
  if (rows.length === 1)
    return { orders: [], errors: [{ row: 1, field: '(file)', reason: 'the file has no order lines' }] };
  if (rows.length - 1 > CSV_MAX_ROWS)
    return { orders: [], errors: [{ row: 1, field: '(file)', reason: `at most ${CSV_MAX_ROWS} lines per file` }] };

  const groups = new Map<string, Array<{ row: number; values: Record<string, string> }>>();
  rows.slice(1).forEach((fields, i) => {
    const row = i + 2;
    if (fields.length !== header.length) {
      errors.push({ row, field: '(row)', reason: `has ${fields.length} fields, the header has ${header.length}` });
      return;
    }
    const values = Object.fromEntries(header.map((h, j) => [h, fields[j].trim()]));
    if (!values.orderRef) return void errors.push({ row, field: 'orderRef', reason: 'must not be empty' });
    const group = groups.get(values.orderRef) ?? [];
    groups.set(values.orderRef, [...group, { row, values }]);
  });

  const orders: UploadedOrder[] = [];
  for (const [orderRef, group] of groups) {
    const first = group[0].values;
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
      lines: group.map(({ values }) => ({
        itemNo: values.itemNo,
        quantity: values.quantity,
        unitCode: values.unitCode,
      })),
    };
    const { value, errors: fieldErrors } = validatePlain(OrderRequest, plain);
    for (const error of fieldErrors)
      errors.push(
        rowOf(
          error,
          group.map((g) => g.row),
        ),
      );
    if (value) orders.push({ orderRef, request: value, rows: group.map((g) => g.row) });
  }
  return { orders: errors.length ? [] : orders, errors: errors.sort((a, b) => a.row - b.row) };
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
