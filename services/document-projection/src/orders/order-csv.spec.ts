import { ordersFromCsv, parseCsv } from './order-csv';

const header =
  'orderRef,requestedReceiptDate,requisitionNo,deliveryDescription,deliveryLine1,deliveryLine2,deliveryCity,deliveryPostalCode,deliveryCountryCode,itemNo,quantity,unitCode';
const row = (ref: string, item: string, quantity: string, extra: Partial<Record<'date' | 'country', string>> = {}) =>
  `${ref},${extra.date ?? '2026-12-01'},REQ-1,"Main warehouse, dock 2",Keizersgracht 12,,Amsterdam,1015 CJ,${extra.country ?? 'NL'},${item},${quantity},PCS`;

describe('parseCsv', () => {
  it('reads quoted fields with commas, quotes and line breaks, and CRLF line ends', () => {
    expect(parseCsv('a,"b, ""c""",d\r\n"multi\nline",,x\r\n')).toEqual([
      ['a', 'b, "c"', 'd'],
      ['multi\nline', '', 'x'],
    ]);
  });
});

describe('ordersFromCsv', () => {
  it('groups rows into orders by orderRef', () => {
    const { orders, errors } = ordersFromCsv(
      [header, row('A', 'DESK', '2'), row('B', 'CHAIR', '4'), row('A', 'LAMP', '1')].join('\n'),
    );
    expect(errors).toEqual([]);
    expect(orders.map((o) => [o.orderRef, o.rows, o.request.lines.map((l) => l.itemNo)])).toEqual([
      ['A', [2, 4], ['DESK', 'LAMP']],
      ['B', [3], ['CHAIR']],
    ]);
    expect(orders[0].request.deliveryAddress.description).toBe('Main warehouse, dock 2');
  });

  it('reports every error at once with its row, and yields no orders then', () => {
    const { orders, errors } = ordersFromCsv(
      [
        header,
        row('A', 'DESK', '2'),
        row('A', 'DESK', 'two'),
        row('B', 'DESK', '1', { date: '2026-13-01', country: 'Holland' }),
        'C,too,few',
      ].join('\n'),
    );
    expect(orders).toEqual([]);
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'quantity'],
      [4, 'requestedReceiptDate'],
      [4, 'deliveryCountryCode'],
      [5, '(row)'],
    ]);
  });

  it('refuses a file without the expected header or without lines', () => {
    expect(ordersFromCsv('itemNo,quantity\nDESK,1').errors).toEqual([
      { row: 1, field: '(header)', reason: expect.stringContaining('missing columns: orderRef') },
    ]);
    expect(ordersFromCsv(header).errors[0].reason).toBe('the file has no order lines');
  });
});
