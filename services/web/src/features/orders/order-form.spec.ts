import {
  estimatedAmount,
  formPath,
  localDay,
  orderFormSchema,
  quantityValue,
  stepOf,
  toOrderRequest,
  unitPriceOf,
  type OrderForm,
} from './order-form';

const desk = {
  itemNo: '1896-S',
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
      prices: [{ minimumQuantity: '0', unitPrice: '5841.00' }],
    },
  ],
};

const form: OrderForm = {
  requestedReceiptDate: '2027-01-15',
  requisitionNo: ' REQ-1 ',
  deliveryAddress: {
    description: 'Store',
    line1: 'Damrak 1',
    line2: '',
    city: 'Amsterdam',
    postalCode: '1012 LG',
    countryCode: 'nl',
  },
  lines: [{ itemNo: '1896-S', unitCode: 'PCS', quantity: '2,5' }],
};

describe('the estimate as the person types', () => {
  it('prices a quantity from the best quantity break it reaches', () => {
    expect(unitPriceOf(desk, 'PCS', '2')).toBe('649.00');
    expect(unitPriceOf(desk, 'PCS', '12')).toBe('600.00');
    expect(unitPriceOf(desk, 'BOX', '1')).toBe('5841.00');
    expect(estimatedAmount(unitPriceOf(desk, 'PCS', '2,5'), '2,5')).toBe(1622.5);
  });

  it('shows no estimate until the quantity is a number above zero', () => {
    expect(unitPriceOf(desk, 'PCS', 'two')).toBeUndefined();
    expect(estimatedAmount('649.00', '0')).toBeUndefined();
    expect(quantityValue('1.5')).toBe('1.5');
    expect(quantityValue('1,5')).toBe('1.5');
    expect(quantityValue('-1')).toBeUndefined();
  });
});

describe('the order form', () => {
  it('sends the order as the API takes it: trimmed, decimal point, upper-case country, no empty optionals', () => {
    expect(toOrderRequest(form)).toEqual({
      requestedReceiptDate: '2027-01-15',
      requisitionNo: 'REQ-1',
      deliveryAddress: {
        description: 'Store',
        line1: 'Damrak 1',
        city: 'Amsterdam',
        postalCode: '1012 LG',
        countryCode: 'NL',
      },
      lines: [{ itemNo: '1896-S', unitCode: 'PCS', quantity: '2.5' }],
    });
  });

  it('refuses a day in the past, a blank address line and an order without lines, naming the message', () => {
    const result = orderFormSchema('2027-01-10').safeParse({
      ...form,
      requestedReceiptDate: '2027-01-09',
      deliveryAddress: { ...form.deliveryAddress, line1: ' ' },
      lines: [],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['requestedReceiptDate', 'past'],
      ['deliveryAddress.line1', 'required'],
      ['lines', 'noLines'],
    ]);
  });

  it('puts a field the API named on the step that asks for it', () => {
    expect([formPath('lines[0].quantity'), stepOf('lines[0].quantity')]).toEqual(['lines.0.quantity', 'items']);
    expect(stepOf('deliveryAddress.city')).toBe('information');
    expect(stepOf('priceListCode')).toBeUndefined();
  });

  it("counts days in the person's own calendar", () => {
    expect(localDay(new Date(2026, 11, 30), 7)).toBe('2027-01-06');
  });
});
