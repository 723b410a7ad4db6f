import { REFUSAL_STATUS } from '@partner-portal/api-contracts';
import { PartnerType, PortalRole } from '@partner-portal/contracts';
import { viewerOf } from '../documents/visibility';
import {
  addDays,
  estimatedTotal,
  orderableItem,
  orderDefaults,
  orderDefaultsMissing,
  ordererOf,
  orderInvalid,
  priceLines,
  suggestedDeliveryAddress,
  type Catalogue,
  type MirroredItem,
  type OrderingParty,
} from './order-rules';

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

describe('orderableItem', () => {
  const desk: MirroredItem = {
    itemNo: 'DESK',
    description: 'ATHENS Desk',
    baseUnitCode: 'PCS',
    units: [
      { unitCode: 'BOX', qtyPerBaseUnit: '10' },
      { unitCode: 'PCS', qtyPerBaseUnit: '1' },
      { unitCode: 'PAL', qtyPerBaseUnit: '40' },
    ],
    blocked: false,
  };

  it('offers the units the price list prices, the base unit first, each with its quantity breaks in order', () => {
    const prices = [
      ...catalogue.prices,
      { itemNo: 'DESK', unitCode: 'BOX', unitPrice: '5990.00' },
      { itemNo: 'LAMP', unitCode: 'PCS', unitPrice: '39.95' },
    ];
    expect(orderableItem(desk, prices)).toEqual({
      itemNo: 'DESK',
      description: 'ATHENS Desk',
      baseUnitCode: 'PCS',
      units: [
        {
          unitCode: 'PCS',
          qtyPerBaseUnit: '1',
          baseUnit: true,
          prices: [
            { minimumQuantity: '0', unitPrice: '649.00' },
            { minimumQuantity: '10', unitPrice: '600.00' },
          ],
        },
        {
          unitCode: 'BOX',
          qtyPerBaseUnit: '10',
          baseUnit: false,
          prices: [{ minimumQuantity: '0', unitPrice: '5990.00' }],
        },
      ],
    });
  });

  it("leaves out an item that is blocked or has no price in the customer's list, as an order line would be refused", () => {
    expect(orderableItem({ ...desk, blocked: true }, catalogue.prices)).toBeUndefined();
    expect(orderableItem({ ...desk, itemNo: 'CHAIR' }, catalogue.prices)).toBeUndefined();
  });
});

describe('suggestedDeliveryAddress', () => {
  it("names the customer's own address after the customer", () => {
    expect(
      suggestedDeliveryAddress('Fabrikam Retail', {
        line1: 'Damrak 1',
        city: 'Amsterdam',
        postalCode: '1012 LG',
        countryCode: 'NL',
      }),
    ).toEqual({
      description: 'Fabrikam Retail',
      line1: 'Damrak 1',
      city: 'Amsterdam',
      postalCode: '1012 LG',
      countryCode: 'NL',
    });
  });

  it('suggests nothing when the mirror has no complete address', () => {
    expect(suggestedDeliveryAddress('Fabrikam Retail', null)).toBeNull();
    expect(suggestedDeliveryAddress('Fabrikam Retail', { line1: 'Damrak 1', city: 'Amsterdam' })).toBeNull();
  });
});

describe('addDays', () => {
  it('counts days in UTC across a month end', () => {
    expect(addDays(new Date('2026-12-20T23:30:00Z'), 14)).toBe('2027-01-03');
  });
});

describe('ordererOf', () => {
  const userOf = (partnerType: PartnerType) =>
    viewerOf(
      { kind: 'partner', tenantId: 'contoso', membershipId: 'm-1' },
      {
        membershipId: 'm-1',
        tenantId: 'contoso',
        environment: 'production',
        companyId: 'CRONUS',
        partnerType,
        partnerNo: 'C10000',
        contactNo: 'CT1',
        role: PortalRole.AuthorizedUser,
        active: true,
      },
    );

  it("lets a customer's portal user order", () => {
    const viewer = userOf(PartnerType.Customer);
    expect(ordererOf(viewer)).toBe(viewer);
  });

  it.each([
    ['an administrator', viewerOf({ kind: 'admin', tenantId: 'contoso' }, undefined), 'not_a_customer_user'],
    ['nobody', { kind: 'nobody' } as const, 'not_a_customer_user'],
    ["a vendor's user", userOf(PartnerType.Vendor), 'not_a_customer'],
  ])('refuses %s as forbidden (%#)', (_who, viewer, code) => {
    expect(() => ordererOf(viewer)).toThrow(expect.objectContaining({ kind: 'forbidden', code }));
  });
});

describe('order refusals', () => {
  const errors = [{ field: 'lines[0].itemNo', reason: 'unknown item' }];

  it('refuses an order with 422 order_invalid, naming every field', () => {
    const refused = orderInvalid(errors);
    expect(REFUSAL_STATUS[refused.kind]).toBe(422);
    expect(refused).toMatchObject({ code: 'order_invalid', message: 'the order cannot be placed: lines[0].itemNo' });
    expect(refused.details).toEqual({ errors });
  });

  it('refuses a contact record without what an order needs with 422 order_defaults_missing', () => {
    const refused = orderDefaultsMissing([{ field: 'currencyCode', reason: 'the customer has no currency' }]);
    expect(REFUSAL_STATUS[refused.kind]).toBe(422);
    expect(refused.code).toBe('order_defaults_missing');
    expect(refused.message).toBe("the contact's record in the ERP lacks what an order needs: currencyCode");
  });
});
