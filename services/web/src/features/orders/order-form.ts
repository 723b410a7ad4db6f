import { z } from 'zod/mini';
import type { CatalogueItem, OrderRequest } from './order-hooks';

/** The wizard's steps, in order. */
export const STEPS = ['information', 'items', 'review'] as const;
export type Step = (typeof STEPS)[number];

/** A quantity as people type it: digits with a decimal point or comma, above zero, at most 6 decimals. */
const QUANTITY = /^\d{1,15}(?:[.,]\d{1,6})?$/;

/** A quantity as the API takes it (`2,5` -> `2.5`), or undefined when it is not one. */
export function quantityValue(text: string): string | undefined {
  const trimmed = text.trim();
  if (!QUANTITY.test(trimmed)) return undefined;
  const value = trimmed.replace(',', '.');
  return Number(value) > 0 ? value : undefined;
}

/** The day `days` after `from` in the person's own calendar, written YYYY-MM-DD. */
export function localDay(from: Date, days = 0): string {
  const day = new Date(from.getFullYear(), from.getMonth(), from.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

/**
 * The wizard's one form over its three steps. Messages are i18n keys under `orderWizard.error`; the server checks
 * everything again (and prices the lines itself).
 */
export function orderFormSchema(today: string) {
  const text = (max: number) => z.string().check(z.trim(), z.minLength(1, 'required'), z.maxLength(max, 'tooLong'));
  return z.object({
    requestedReceiptDate: z.string().check(
      z.regex(/^\d{4}-\d{2}-\d{2}$/, 'date'),
      z.refine((day) => day >= today, 'past'),
    ),
    requisitionNo: z.string().check(z.trim(), z.maxLength(35, 'tooLong')),
    deliveryAddress: z.object({
      description: text(100),
      line1: text(100),
      line2: z.string().check(z.trim(), z.maxLength(100, 'tooLong')),
      city: text(50),
      postalCode: text(20),
      countryCode: z.string().check(z.trim(), z.regex(/^[A-Za-z]{2}$/, 'country')),
    }),
    lines: z
      .array(
        z.object({
          itemNo: z.string().check(z.minLength(1, 'required')),
          unitCode: z.string().check(z.minLength(1, 'required')),
          quantity: z.string().check(z.refine((q) => quantityValue(q) !== undefined, 'quantity')),
        }),
      )
      .check(z.minLength(1, 'noLines'), z.maxLength(500, 'tooManyLines')),
  });
}

export type OrderForm = z.infer<ReturnType<typeof orderFormSchema>>;

/** The fields each step asks for (what "Next" checks before moving on). */
export const STEP_FIELDS: Record<
  Exclude<Step, 'review'>,
  Array<'requestedReceiptDate' | 'requisitionNo' | 'deliveryAddress' | 'lines'>
> = {
  information: ['requestedReceiptDate', 'requisitionNo', 'deliveryAddress'],
  items: ['lines'],
};

/** The order as the API takes it. */
export function toOrderRequest(form: OrderForm): OrderRequest {
  const address = form.deliveryAddress;
  return {
    requestedReceiptDate: form.requestedReceiptDate,
    ...(form.requisitionNo.trim() ? { requisitionNo: form.requisitionNo.trim() } : {}),
    deliveryAddress: {
      description: address.description.trim(),
      line1: address.line1.trim(),
      ...(address.line2.trim() ? { line2: address.line2.trim() } : {}),
      city: address.city.trim(),
      postalCode: address.postalCode.trim(),
      countryCode: address.countryCode.trim().toUpperCase(),
    },
    lines: form.lines.map((line) => ({
      itemNo: line.itemNo,
      unitCode: line.unitCode,
      quantity: quantityValue(line.quantity) ?? line.quantity,
    })),
  };
}

/** A field the API named (`lines[0].quantity`, `deliveryAddress.city`) as the form's path (`lines.0.quantity`). */
export function formPath(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1');
}

/** The step where a field the API named is asked for; undefined for what no step asks (the contact record). */
export function stepOf(field: string): Step | undefined {
  if (field.startsWith('lines')) return 'items';
  if (/^(requestedReceiptDate|requisitionNo|deliveryAddress)/.test(field)) return 'information';
  return undefined;
}

/**
 * The price-list price of a quantity of an item in a unit: of the unit's prices, the one with the highest minimum
 * quantity the quantity reaches (as the server prices it); undefined while the quantity is not a number.
 */
export function unitPriceOf(item: CatalogueItem | undefined, unitCode: string, quantity: string): string | undefined {
  const value = quantityValue(quantity);
  const unit = item?.units.find((u) => u.unitCode === unitCode);
  if (!unit || value === undefined) return undefined;
  const reached = unit.prices.filter((p) => Number(p.minimumQuantity) <= Number(value));
  return reached.sort((a, b) => Number(b.minimumQuantity) - Number(a.minimumQuantity))[0]?.unitPrice;
}

/** Price x quantity, as the estimate shows it (the server computes the exact decimal). */
export function estimatedAmount(unitPrice: string | undefined, quantity: string): number | undefined {
  const value = quantityValue(quantity);
  return unitPrice === undefined || value === undefined ? undefined : Number(unitPrice) * Number(value);
}
