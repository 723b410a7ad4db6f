import { estimatedTotal, orderDefaults, priceLines, type Catalogue, type OrderingParty } from './order-rules';

const party: OrderingParty = {
  partner: {
    partnerNo: 'C10000',
    currencyCode: 'EUR',
    priceListCode: 'RETAIL',
    languageCode: 'nl',
    shipToCountryCode: null,
    addressCountryCode: 'NL',
    invoicePartnerNo: null,
    blocked: false,
  },
  contact: { contactNo: 'CT1', name: 'Anna', email: 'anna@x.example', languageCode: null },
};

const catalogue: Catalogue = {
  items: new Map([
    ['DESK', { blocked: false, units: [{ unitCode: 'PCS' }, { unitCode: 'BOX' }] }],
    ['OLD', { blocked: true, units: [{ unitCode: 'PCS' }] }],
  ]),
  prices: [
    { itemNo: 'DESK', unitCode: 'PCS', unitPrice: '649.00' },
    { itemNo: 'DESK', unitCode: 'PCS', unitPrice: '600.00', minimumQuantity: '10' },
  ],
};

describe('orderDefaults', () => {
  it('takes company data from the customer and the contact, with the ERP fallbacks', () => {
    expect(orderDefaults(party)).toEqual({
      defaults: {
        customerAccount: 'C10000',
        invoiceCustomer: 'C10000',
        currencyCode: 'EUR',
        priceListCode: 'RETAIL',
        languageCode: 'nl',
        shipToCountryCode: 'NL',
        contactNo: 'CT1',
        contactName: 'Anna',
      },
      missing: [],
    });
  });

  it('names every missing field', () => {
    const result = orderDefaults({
      partner: {
        ...party.partner!,
        currencyCode: null,
        priceListCode: null,
        addressCountryCode: null,
        languageCode: null,
      },
      contact: { ...party.contact!, name: null },
    });
    expect(result.missing.map((m) => m.field)).toEqual([
      'currencyCode',
      'priceListCode',
      'languageCode',
      'shipToCountryCode',
      'contactPerson',
    ]);
    expect(orderDefaults({}).missing.map((m) => m.field)).toContain('customerAccount');
  });
});

describe('priceLines', () => {
  it('prices each line from the price list, using the best quantity break, and totals exactly', () => {
    const { lines, errors } = priceLines(
      [
        { itemNo: 'DESK', quantity: '2', unitCode: 'PCS' },
        { itemNo: 'DESK', quantity: '12', unitCode: 'PCS' },
      ],
      catalogue,
    );
    expect(errors).toEqual([]);
    expect(lines.map((l) => [l.lineNo, l.estimatedUnitPrice, l.estimatedNetAmount])).toEqual([
      [1, '649.00', '1298.00'],
      [2, '600.00', '7200.00'],
    ]);
    expect(estimatedTotal(lines)).toBe('8498.00');
  });

  it('names the line and the field of every problem', () => {
    const { errors } = priceLines(
      [
        { itemNo: 'NOPE', quantity: '1', unitCode: 'PCS' },
        { itemNo: 'DESK', quantity: '0', unitCode: 'KG' },
        { itemNo: 'OLD', quantity: '1', unitCode: 'PCS' },
        { itemNo: 'DESK', quantity: '-1', unitCode: 'PCS' },
        { itemNo: 'DESK', quantity: '1', unitCode: 'BOX' },
      ],
      catalogue,
    );
    expect(errors.map((e) => e.field)).toEqual([
      'lines[0].itemNo',
      'lines[1].unitCode',
      'lines[1].quantity',
      'lines[2].itemNo',
      'lines[3].quantity',
      'lines[4].itemNo',
    ]);
  });
});
