import { compareDecimals, multiply, sum, type FieldError } from '@partner-portal/contracts';

/** What the ERP mirror knows of the ordering partner and contact. */
export interface OrderingParty {
  partner?: {
    partnerNo: string;
    currencyCode: string | null;
    priceListCode: string | null;
    languageCode: string | null;
    shipToCountryCode: string | null;
    addressCountryCode: string | null;
    invoicePartnerNo: string | null;
    blocked: boolean | null;
  };
  contact?: { contactNo: string; name: string | null; email: string | null; languageCode: string | null };
}

/** What an order takes from the contact record instead of asking the user. */
export interface OrderDefaults {
  customerAccount: string;
  invoiceCustomer: string;
  currencyCode: string;
  priceListCode: string;
  languageCode: string;
  shipToCountryCode: string;
  contactNo: string;
  contactName: string;
}

/**
 * The defaults of a portal order from the contact and its customer, or every missing field by name. A blank bill-to
 * customer means the customer pays itself (as in the ERP); the ship-to country falls back to the address's.
 */
export function orderDefaults(
  party: OrderingParty,
): { defaults: OrderDefaults; missing: [] } | { missing: FieldError[] } {
  const { partner, contact } = party;
  const values = {
    customerAccount: partner?.partnerNo,
    invoiceCustomer: partner ? (partner.invoicePartnerNo ?? partner.partnerNo) : undefined,
    currencyCode: partner?.currencyCode,
    priceListCode: partner?.priceListCode,
    languageCode: contact?.languageCode ?? partner?.languageCode,
    shipToCountryCode: partner?.shipToCountryCode ?? partner?.addressCountryCode,
    contactNo: contact?.contactNo,
    contactName: contact?.name,
  };
  const reasons: Record<string, [string, string]> = {
    customerAccount: ['customerAccount', 'the contact has no customer in the ERP mirror'],
    currencyCode: ['currencyCode', 'the customer has no currency'],
    priceListCode: ['priceListCode', 'the customer has no price list'],
    languageCode: ['languageCode', 'neither the contact nor the customer has a language'],
    shipToCountryCode: ['shipToCountryCode', 'the customer has no ship-to country'],
    contactName: ['contactPerson', 'the contact has no name in the ERP'],
  };
  const missing: FieldError[] = Object.entries(reasons)
    .filter(([key]) => !values[key as keyof typeof values])
    .map(([, [field, reason]]) => ({ field, reason }));
  if (partner?.blocked)
    missing.push({ field: 'customerAccount', reason: `customer ${partner.partnerNo} is blocked in the ERP` });
  const {
    customerAccount,
    invoiceCustomer,
    currencyCode,
    priceListCode,
    languageCode,
    shipToCountryCode,
    contactNo,
    contactName,
  } = values;
  if (
    missing.length > 0 ||
    !customerAccount ||
    !invoiceCustomer ||
    !currencyCode ||
    !priceListCode ||
    !languageCode ||
    !shipToCountryCode ||
    !contactNo ||
    !contactName
  ) {
    return { missing };
  }
  return {
    defaults: {
      customerAccount,
      invoiceCustomer,
      currencyCode,
      priceListCode,
      languageCode,
      shipToCountryCode,
      contactNo,
      contactName,
    },
    missing: [],
  };
}

/** A line as the user asks for it. */
export interface RequestedLine {
  itemNo: string;
  quantity: string;
  unitCode: string;
}

/** A line with the price-list price and the estimate computed on the server. */
export interface PricedLine extends RequestedLine {
  lineNo: number;
  estimatedUnitPrice: string;
  estimatedNetAmount: string;
}

/** Items and prices the lines are checked against. */
export interface Catalogue {
  items: Map<string, { blocked: boolean; units: Array<{ unitCode: string }> }>;
  prices: Array<{ itemNo: string; unitCode: string; unitPrice: string; minimumQuantity?: string }>;
}

/**
 * Checks and prices every line: known, unblocked item; a unit of that item; quantity above zero; a price in the
 * customer's price list (the one with the highest minimum quantity the line reaches). Errors name `lines[i].field`.
 */
export function priceLines(
  lines: readonly RequestedLine[],
  catalogue: Catalogue,
  path = 'lines',
): { lines: PricedLine[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const priced: PricedLine[] = [];
  lines.forEach((line, i) => {
    const at = (field: string) => `${path}[${i}].${field}`;
    const item = catalogue.items.get(line.itemNo);
    if (!item) return void errors.push({ field: at('itemNo'), reason: `unknown product ${line.itemNo}` });
    if (item.blocked) return void errors.push({ field: at('itemNo'), reason: `product ${line.itemNo} is blocked` });
    let ok = true;
    if (!item.units.some((u) => u.unitCode === line.unitCode)) {
      errors.push({ field: at('unitCode'), reason: `unknown unit ${line.unitCode} for ${line.itemNo}` });
      ok = false;
    }
    if (compareDecimals(line.quantity, '0') <= 0) {
      errors.push({ field: at('quantity'), reason: 'must be greater than 0' });
      ok = false;
    }
    if (!ok) return;
    const price = catalogue.prices
      .filter(
        (p) =>
          p.itemNo === line.itemNo &&
          p.unitCode === line.unitCode &&
          compareDecimals(line.quantity, p.minimumQuantity ?? '0') >= 0,
      )
      .sort((a, b) => compareDecimals(b.minimumQuantity ?? '0', a.minimumQuantity ?? '0'))[0];
    if (!price)
      return void errors.push({
        field: at('itemNo'),
        reason: `no price for ${line.itemNo} in ${line.unitCode} in the customer's price list`,
      });
    priced.push({
      ...line,
      lineNo: priced.length + 1,
      estimatedUnitPrice: price.unitPrice,
      estimatedNetAmount: multiply(price.unitPrice, line.quantity),
    });
  });
  return { lines: errors.length ? [] : priced, errors };
}

/** The estimate of an order. */
export function estimatedTotal(lines: readonly PricedLine[]): string {
  return sum(lines.map((l) => l.estimatedNetAmount));
}
