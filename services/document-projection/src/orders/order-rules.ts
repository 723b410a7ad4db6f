import { placesOrders, Refusal } from '@partner-portal/api-contracts';
import { compareDecimals, multiply, sum, type DeliveryAddressV1, type FieldError } from '@partner-portal/contracts';
import type { Viewer } from '../documents/visibility';

/** A viewer that places orders: a customer's portal user, representative or authorized user. */
export type Orderer = Extract<Viewer, { kind: 'representative' | 'authorized_user' }>;

/**
 * Orders are placed by a customer's portal users: an administrator, a vendor's or 3PL customer's user, or nobody is
 * refused (403).
 */
export function ordererOf(viewer: Viewer): Orderer {
  if (viewer.kind === 'administrator' || viewer.kind === 'nobody') {
    throw new Refusal('forbidden', 'not_a_customer_user', 'orders are placed by customer users');
  }
  if (!placesOrders(viewer.partnerType)) {
    throw new Refusal('forbidden', 'not_a_customer', 'orders are placed by customers');
  }
  return viewer;
}

/** An order whose record or lines fail the rules: 422 `order_invalid`, every refused field named. */
export function orderInvalid(errors: FieldError[]): Refusal {
  return new Refusal(
    'unprocessable',
    'order_invalid',
    `the order cannot be placed: ${errors.map((e) => e.field).join(', ')}`,
    { errors },
  );
}

/** A contact record that lacks what an order takes from it: 422 `order_defaults_missing`, naming every field. */
export function orderDefaultsMissing(missing: FieldError[]): Refusal {
  return new Refusal(
    'unprocessable',
    'order_defaults_missing',
    `the contact's record in the ERP lacks what an order needs: ${missing.map((e) => e.field).join(', ')}`,
    { errors: missing },
  );
}

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
    const price = priceFor(catalogue.prices, line);
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

/** A price-list line. */
export type PriceListLine = Catalogue['prices'][number];

/** The price of a line: of the prices for its item and unit, the one with the highest minimum quantity it reaches. */
export function priceFor(prices: readonly PriceListLine[], line: RequestedLine): PriceListLine | undefined {
  return prices
    .filter(
      (p) =>
        p.itemNo === line.itemNo &&
        p.unitCode === line.unitCode &&
        compareDecimals(line.quantity, p.minimumQuantity ?? '0') >= 0,
    )
    .sort((a, b) => compareDecimals(b.minimumQuantity ?? '0', a.minimumQuantity ?? '0'))[0];
}

/** An item as the ERP mirror keeps it. */
export interface MirroredItem {
  itemNo: string;
  description: string;
  baseUnitCode: string;
  units: Array<{ unitCode: string; qtyPerBaseUnit: string }>;
  blocked: boolean;
}

/** An item as the order wizard offers it: its orderable units with their prices. */
export interface OrderableItem {
  itemNo: string;
  description: string;
  baseUnitCode: string;
  units: Array<{
    unitCode: string;
    qtyPerBaseUnit: string;
    baseUnit: boolean;
    prices: Array<{ minimumQuantity: string; unitPrice: string }>;
  }>;
}

/**
 * What the customer can order of an item: nothing (undefined) when it is blocked or has no price in the customer's
 * price list, as `priceLines` would refuse every line of it; else the units it has a price in (a line in another
 * unit would be refused too), the base unit first, each with its prices by minimum quantity.
 */
export function orderableItem(item: MirroredItem, prices: readonly PriceListLine[]): OrderableItem | undefined {
  if (item.blocked) return undefined;
  const units = item.units
    .map((unit) => ({
      unitCode: unit.unitCode,
      qtyPerBaseUnit: unit.qtyPerBaseUnit,
      baseUnit: unit.unitCode === item.baseUnitCode,
      prices: prices
        .filter((p) => p.itemNo === item.itemNo && p.unitCode === unit.unitCode)
        .map((p) => ({ minimumQuantity: p.minimumQuantity ?? '0', unitPrice: p.unitPrice }))
        .sort((a, b) => compareDecimals(a.minimumQuantity, b.minimumQuantity)),
    }))
    .filter((unit) => unit.prices.length > 0)
    .sort((a, b) => Number(b.baseUnit) - Number(a.baseUnit));
  if (units.length === 0) return undefined;
  return { itemNo: item.itemNo, description: item.description, baseUnitCode: item.baseUnitCode, units };
}

/** A customer's address as the ERP mirror keeps it. */
export interface MirroredAddress {
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  countryCode: string;
}

/**
 * The delivery address the wizard and the template start from: the customer's own address, named after the customer
 * (a delivery address needs a description); none when the mirror has no complete address.
 */
export function suggestedDeliveryAddress(
  customerName: string,
  address: Partial<MirroredAddress> | null | undefined,
): DeliveryAddressV1 | null {
  if (!address?.line1 || !address.city || !address.postalCode || !address.countryCode) return null;
  return {
    description: customerName.slice(0, 100),
    line1: address.line1,
    ...(address.line2 ? { line2: address.line2 } : {}),
    city: address.city,
    postalCode: address.postalCode,
    countryCode: address.countryCode,
  };
}

/** The day `days` after `from` (UTC), written YYYY-MM-DD. */
export function addDays(from: Date, days: number): string {
  return new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
