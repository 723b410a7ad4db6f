import { csvCell, orderTemplate, toCsv } from './csv-writing';
import { ordersFromCsv } from './order-csv';

describe('csvCell', () => {
  it.each(['=SUM(A1:A9)', '+31 20 123', '-2+3', '@cmd', '\tx'])(
    'turns %j, which a spreadsheet would run as a formula, into text with a leading apostrophe',
    (value) => {
      expect(csvCell(value).replace(/^"|"$/g, '')).toBe(`'${value}`);
    },
  );

  it('leaves other text as it is', () => {
    expect(csvCell('ATHENS Desk')).toBe('ATHENS Desk');
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvCell(null)).toBe('');
  });

  it('quotes a cell holding the delimiter, a quote, a line break or outer spaces', () => {
    expect(csvCell('Dock 2, north')).toBe('"Dock 2, north"');
    expect(csvCell('Dock 2, north', ';')).toBe('Dock 2, north');
    expect(csvCell('a;b', ';')).toBe('"a;b"');
    expect(csvCell('12" pipe')).toBe('"12"" pipe"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' padded')).toBe('" padded"');
  });
});

describe('toCsv', () => {
  it('writes a byte order mark and CRLF line ends', () => {
    expect(
      toCsv(
        [
          ['a', 'b'],
          ['1', '=2'],
        ],
        ';',
      ),
    ).toBe("\uFEFFa;b\r\n1;'=2\r\n");
  });
});

describe('orderTemplate', () => {
  const example = {
    item: { itemNo: '1896-S', unitCode: 'PCS' },
    address: {
      description: 'Fabrikam Retail',
      line1: 'Damrak 1',
      city: 'Amsterdam',
      postalCode: '1012 LG',
      countryCode: 'NL',
    },
    requestedReceiptDate: '2026-12-16',
  };

  it('is a file the upload reads as one valid order, in either delimiter', () => {
    for (const delimiter of [',', ';'] as const) {
      const { orders, errors, delimiter: read } = ordersFromCsv(orderTemplate(example, delimiter));
      expect([errors, read]).toEqual([[], delimiter]);
      expect(orders[0].request).toMatchObject({
        requestedReceiptDate: '2026-12-16',
        deliveryAddress: { description: 'Fabrikam Retail', line1: 'Damrak 1' },
        lines: [{ itemNo: '1896-S', quantity: '1', unitCode: 'PCS' }],
      });
    }
  });

  it('uses clear placeholders when there is no item or address to show', () => {
    const text = orderTemplate({ requestedReceiptDate: '2026-12-16' }, ',');
    expect(text.split('\r\n')[1]).toBe(
      'ORDER-1,2026-12-16,REQ-1,Main warehouse,Street and number,,City,1234 AB,NL,ITEM-NO,1,PCS',
    );
  });
});
