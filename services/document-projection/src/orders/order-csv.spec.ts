import { REFUSAL_STATUS } from '@partner-portal/api-contracts';
import { cellValue, delimiterOf, ordersFromCsv, readCsv, uploadInvalid } from './order-csv';

const COLUMNS = [
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
];
const header = COLUMNS.join(',');
const row = (ref: string, item: string, quantity: string, extra: Partial<Record<'date' | 'country', string>> = {}) =>
  `${ref},${extra.date ?? '2026-12-01'},REQ-1,"Main warehouse, dock 2",Keizersgracht 12,,Amsterdam,1015 CJ,${extra.country ?? 'NL'},${item},${quantity},PCS`;

describe('delimiterOf', () => {
  it('reads a semicolon from a header as Excel writes it in Dutch and German', () => {
    expect(delimiterOf(COLUMNS.join(';'))).toBe(';');
  });

  it('reads a comma otherwise, and only the header decides', () => {
    expect(delimiterOf(`${header}\nA;B;C;D;E;F;G;H;I;J;K;L;M;N;O;P`)).toBe(',');
    expect(delimiterOf('"a;b;c",d\r\n')).toBe(',');
  });
});

describe('readCsv', () => {
  it('reads quoted cells with delimiters, quotes and line breaks, CRLF line ends and a byte order mark', () => {
    const { records, errors } = readCsv('\uFEFFa,b,c\r\n"b, ""c""",d,\r\n"multi\nline",,x\r\n');
    expect(errors).toEqual([]);
    expect(records).toEqual([
      { row: 1, fields: ['a', 'b', 'c'] },
      { row: 2, fields: ['b, "c"', 'd', ''] },
      { row: 3, fields: ['multi\nline', '', 'x'] },
    ]);
  });

  it('leaves out blank rows and rows of empty cells but keeps the numbers a spreadsheet shows', () => {
    const { records } = readCsv('a;b\r\n1;2\r\n\r\n;\r\n3;4\r\n');
    expect(records.map((r) => r.row)).toEqual([1, 2, 5]);
  });

  it('names the row where a quoted cell is left open', () => {
    expect(readCsv('a,b\n1,2\n3,"open\n').errors).toEqual([
      { row: 3, field: '(file)', reason: 'a quoted cell is not closed (a " is missing)' },
    ]);
  });
});

describe('cellValue', () => {
  it('reads a decimal comma and a day-first date in a semicolon file', () => {
    expect(cellValue('quantity', '1,5', ';')).toBe('1.5');
    expect(cellValue('requestedReceiptDate', '1-12-2026', ';')).toBe('2026-12-01');
    expect(cellValue('requestedReceiptDate', '01.12.2026', ';')).toBe('2026-12-01');
  });

  it('keeps the text of a comma file, where a slashed date could be month-first', () => {
    expect(cellValue('requestedReceiptDate', ' 1/12/2026 ', ',')).toBe('1/12/2026');
    expect(cellValue('quantity', '1,5', ',')).toBe('1,5');
  });
});

describe('ordersFromCsv', () => {
  it('groups rows into orders by orderRef', () => {
    const { orders, errors, delimiter, rowCount } = ordersFromCsv(
      [header, row('A', 'DESK', '2'), row('B', 'CHAIR', '4'), row('A', 'LAMP', '1')].join('\n'),
    );
    expect(errors).toEqual([]);
    expect([delimiter, rowCount]).toEqual([',', 3]);
    expect(orders.map((o) => [o.orderRef, o.rows, o.request?.lines.map((l) => l.itemNo)])).toEqual([
      ['A', [2, 4], ['DESK', 'LAMP']],
      ['B', [3], ['CHAIR']],
    ]);
    expect(orders[0].request?.deliveryAddress.description).toBe('Main warehouse, dock 2');
  });

  it('reads a semicolon file from Excel with a byte order mark, CRLF, a decimal comma and a day-first date', () => {
    const semicolonRow = 'A;1-12-2026;;Store;Damrak 1;;Amsterdam;1012 LG;NL;DESK;2,5;PCS';
    const { orders, errors, delimiter } = ordersFromCsv(
      `\uFEFF${COLUMNS.join(';')}\r\n${semicolonRow}\r\n;;;;;;;;;;;\r\n`,
    );
    expect(errors).toEqual([]);
    expect(delimiter).toBe(';');
    expect(orders[0].request).toMatchObject({
      requestedReceiptDate: '2026-12-01',
      lines: [{ itemNo: 'DESK', quantity: '2.5', unitCode: 'PCS' }],
    });
  });

  it('accepts a header in any letter case and without the optional columns', () => {
    const columns = COLUMNS.filter((c) => c !== 'requisitionNo' && c !== 'deliveryLine2').map((c) => c.toUpperCase());
    const { orders, errors } = ordersFromCsv(
      `${columns.join(',')}\nA,2026-12-01,Store,Damrak 1,Amsterdam,1012 LG,NL,DESK,1,PCS`,
    );
    expect(errors).toEqual([]);
    expect(orders[0].request?.requisitionNo).toBeUndefined();
  });

  it('reports every error at once with its row and column, and keeps the lines that can still be checked', () => {
    const { orders, errors } = ordersFromCsv(
      [
        header,
        row('A', 'DESK', '2'),
        row('A', 'DESK', 'two'),
        row('B', 'DESK', '1', { date: '2026-13-01', country: 'Holland' }),
        'C,too,few',
      ].join('\n'),
    );
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'quantity'],
      [4, 'requestedReceiptDate'],
      [4, 'deliveryCountryCode'],
      [5, '(row)'],
    ]);
    expect(orders.map((o) => [o.orderRef, o.request === undefined, o.checkableLines.map((l) => l.row)])).toEqual([
      ['A', true, [2]],
      ['B', true, [4]],
    ]);
  });

  it("reports a later row of an order that says something else than the order's first row, column by column", () => {
    const { errors } = ordersFromCsv(
      [
        header,
        row('A', 'DESK', '2'),
        row('A', 'CHAIR', '1', { date: '2026-12-24', country: 'DE' }),
        'A,,,,,,,,,LAMP,1,PCS',
        row('B', 'DESK', '1'),
      ].join('\n'),
    );
    expect(errors).toEqual([
      {
        row: 3,
        field: 'requestedReceiptDate',
        reason: 'differs from row 2, the first of order A ("2026-12-01"); an order has one value',
      },
      {
        row: 3,
        field: 'deliveryCountryCode',
        reason: 'differs from row 2, the first of order A ("NL"); an order has one value',
      },
    ]);
  });

  it('refuses a file without the expected header or without lines', () => {
    expect(ordersFromCsv('itemNo,quantity\nDESK,1').errors).toEqual([
      { row: 1, field: '(header)', reason: expect.stringContaining('missing columns: orderRef') },
    ]);
    expect(ordersFromCsv(header).errors[0].reason).toBe('the file has no order lines');
    expect(ordersFromCsv('\uFEFF\r\n').errors[0].reason).toBe('the file is empty');
  });
});

describe('uploadInvalid', () => {
  it('refuses a file with 422 upload_invalid, every problem in row order', () => {
    const refused = uploadInvalid([
      { row: 3, field: 'quantity', reason: 'must be above zero' },
      { row: 2, field: 'itemNo', reason: 'unknown item' },
    ]);
    expect(REFUSAL_STATUS[refused.kind]).toBe(422);
    expect(refused).toMatchObject({
      code: 'upload_invalid',
      message: '2 problem(s) in the file; no order was created',
    });
    expect(refused.details).toEqual({
      rowErrors: [
        { row: 2, field: 'itemNo', reason: 'unknown item' },
        { row: 3, field: 'quantity', reason: 'must be above zero' },
      ],
    });
  });
});
