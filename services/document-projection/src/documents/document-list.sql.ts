import type { DocumentSort } from '@partner-portal/api-contracts';

/** The orders a document list can be read in; each ends in the unique id, and the hot ones follow an index. */
export const ORDER: Record<DocumentSort, { columns: string[]; direction: 'ASC' | 'DESC' }> = {
  date_desc: { columns: ['d.document_date', 'd.document_no', 'd.id'], direction: 'DESC' },
  date_asc: { columns: ['d.document_date', 'd.document_no', 'd.id'], direction: 'ASC' },
  number_desc: { columns: ['d.document_no', 'd.id'], direction: 'DESC' },
  number_asc: { columns: ['d.document_no', 'd.id'], direction: 'ASC' },
};

/** A money column as a decimal string with at least two decimals and no trailing zeros beyond them. */
const money = (column: string) =>
  `CASE WHEN scale(trim_scale(${column})) < 2 THEN round(${column}, 2)::text ELSE trim_scale(${column})::text END`;

/** A list row's columns (the benchmarks' bare ceiling reads them from the build, to run the same statement). */
export const LIST_COLUMNS = `d.id, d.document_type, d.view_type, d.document_no, d.partner_type, d.partner_no, d.contact_no, d.status,
  to_char(d.document_date, 'YYYY-MM-DD') AS document_date, to_char(d.requested_date, 'YYYY-MM-DD') AS requested_date,
  to_char(d.due_date, 'YYYY-MM-DD') AS due_date, d.currency_code, ${money('d.amount')} AS amount,
  ${money('d.amount_including_tax')} AS amount_including_tax, d.order_no, d.external_document_no, d.portal_order_id, d.line_count`;
