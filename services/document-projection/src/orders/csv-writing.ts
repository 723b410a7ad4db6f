import type { DeliveryAddressV1 } from '@partner-portal/contracts';
import { CSV_COLUMNS, type CsvColumn, type CsvDelimiter } from './order-csv';

/** Characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell of a CSV file the platform writes. Text that a spreadsheet would run as a formula (starting with `=`,
 * `+`, `-`, `@`, a tab or a carriage return) gets a leading apostrophe, so that it shows as text; a cell holding the
 * delimiter, a quote, a line break or outer spaces is quoted.
 */
export function csvCell(value: string | number | null | undefined, delimiter: CsvDelimiter = ','): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  const quote = text.includes(delimiter) || /["\r\n]/.test(text) || text !== text.trim();
  return quote ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV text: CRLF line ends and a byte order mark, so that Excel reads UTF-8 (umlauts, accents) right. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>, delimiter: CsvDelimiter) {
  return `\uFEFF${rows.map((cells) => cells.map((c) => csvCell(c, delimiter)).join(delimiter)).join('\r\n')}\r\n`;
}

/** What the example row of the upload template is made of. */
export interface TemplateExample {
  /** An item the customer can order, with a unit it has a price in; a placeholder when there is none. */
  item?: { itemNo: string; unitCode: string };
  /** The customer's own address, when the mirror has one. */
  address?: DeliveryAddressV1 | null;
  /** The day the example asks for. */
  requestedReceiptDate: string;
}

/**
 * The order upload template: the header and one example row, in the delimiter the person's spreadsheet uses. The
 * example uses a real catalogue item and the customer's address when known, so that the file uploads as it is.
 */
export function orderTemplate(example: TemplateExample, delimiter: CsvDelimiter): string {
  const address = example.address ?? {
    description: 'Main warehouse',
    line1: 'Street and number',
    city: 'City',
    postalCode: '1234 AB',
    countryCode: 'NL',
  };
  const values: Record<CsvColumn, string> = {
    orderRef: 'ORDER-1',
    requestedReceiptDate: example.requestedReceiptDate,
    requisitionNo: 'REQ-1',
    deliveryDescription: address.description,
    deliveryLine1: address.line1,
    deliveryLine2: address.line2 ?? '',
    deliveryCity: address.city,
    deliveryPostalCode: address.postalCode,
    deliveryCountryCode: address.countryCode,
    itemNo: example.item?.itemNo ?? 'ITEM-NO',
    quantity: '1',
    unitCode: example.item?.unitCode ?? 'PCS',
  };
  return toCsv([[...CSV_COLUMNS], CSV_COLUMNS.map((c) => values[c])], delimiter);
}
