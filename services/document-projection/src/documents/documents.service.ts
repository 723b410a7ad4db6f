import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ErpDocumentType, type PartnerType } from '@partner-portal/contracts';
import { InvalidInputException } from '@partner-portal/internal-api';
import { erpTypeOf, viewsOf, type PartnerDocumentType } from '../projection/perspective';
import type {
  AdminDocumentDetailResponse,
  AdminDocumentPage,
  AdminDocumentResponse,
  AdminListDocumentsQuery,
  DocumentLineResponse,
  DocumentSort,
  PartnerDocumentDetailResponse,
  PartnerDocumentPage,
  PartnerDocumentResponse,
  ShipToAddressResponse,
} from '@partner-portal/api-contracts';
import { visibleDocuments, type Viewer } from './visibility';

const ORDER: Record<DocumentSort, { columns: string[]; direction: 'ASC' | 'DESC' }> = {
  date_desc: { columns: ['d.document_date', 'd.document_no', 'd.id'], direction: 'DESC' },
  date_asc: { columns: ['d.document_date', 'd.document_no', 'd.id'], direction: 'ASC' },
  number_desc: { columns: ['d.document_no', 'd.id'], direction: 'DESC' },
  number_asc: { columns: ['d.document_no', 'd.id'], direction: 'ASC' },
};

/** A money column as a decimal string with at least two decimals and no trailing zeros beyond them. */
const money = (column: string) =>
  `CASE WHEN scale(trim_scale(${column})) < 2 THEN round(${column}, 2)::text ELSE trim_scale(${column})::text END`;

const LIST_COLUMNS = `d.id, d.document_type, d.view_type, d.document_no, d.partner_type, d.partner_no, d.contact_no, d.status,
  to_char(d.document_date, 'YYYY-MM-DD') AS document_date, to_char(d.requested_date, 'YYYY-MM-DD') AS requested_date,
  to_char(d.due_date, 'YYYY-MM-DD') AS due_date, d.currency_code, ${money('d.amount')} AS amount,
  ${money('d.amount_including_tax')} AS amount_including_tax, d.order_no, d.external_document_no, d.portal_order_id, d.line_count`;

interface DocumentRow {
  id: string;
  document_type: ErpDocumentType;
  view_type: PartnerDocumentType;
  document_no: string;
  partner_type: PartnerType;
  partner_no: string;
  contact_no: string | null;
  status: string;
  document_date: string;
  requested_date: string | null;
  due_date: string | null;
  currency_code: string;
  amount: string;
  amount_including_tax: string;
  order_no: string | null;
  external_document_no: string | null;
  portal_order_id: string | null;
  line_count: number;
}

/** One document read with its lines and ship-to address (JSON as the ERP sent them). */
interface DocumentDetailRow extends DocumentRow {
  lines: DocumentLineResponse[];
  ship_to: ShipToAddressResponse | null;
}

/** A listed document in the partner's words, field by field as the API contract has it. */
function partnerView(row: DocumentRow): PartnerDocumentResponse {
  return {
    documentId: row.id,
    type: row.view_type,
    documentNo: row.document_no,
    status: row.status,
    documentDate: row.document_date,
    requestedDate: row.requested_date,
    dueDate: row.due_date,
    currencyCode: row.currency_code,
    amount: row.amount,
    amountIncludingTax: row.amount_including_tax,
    orderNo: row.order_no,
    externalDocumentNo: row.external_document_no,
    portalOrderId: row.portal_order_id,
    lineCount: row.line_count,
  };
}

/** What administrators see on top: the ERP's type, the partner and the contact. */
function adminFields(row: DocumentRow): Omit<AdminDocumentResponse, keyof PartnerDocumentResponse> {
  return {
    erpDocumentType: row.document_type,
    partnerType: row.partner_type,
    partnerNo: row.partner_no,
    contactNo: row.contact_no,
  };
}

/** A document of a list as the API shows it: in the partner's words, with the ERP's type for administrators. */
function toView(row: DocumentRow, viewer: Viewer): PartnerDocumentResponse | AdminDocumentResponse {
  const base = partnerView(row);
  return viewer.kind === 'administrator' ? { ...base, ...adminFields(row) } : base;
}

/** One document with its lines and ship-to address, as the API shows it. */
function toDetailView(
  row: DocumentDetailRow,
  viewer: Viewer,
): PartnerDocumentDetailResponse | AdminDocumentDetailResponse {
  const base: PartnerDocumentDetailResponse = { ...partnerView(row), lines: row.lines, shipTo: row.ship_to ?? null };
  return viewer.kind === 'administrator' ? { ...base, ...adminFields(row) } : base;
}

function encodeCursor(sort: DocumentSort, row: DocumentRow): string {
  const keys = sort.startsWith('date') ? [row.document_date, row.document_no, row.id] : [row.document_no, row.id];
  return Buffer.from(JSON.stringify({ sort, keys })).toString('base64url');
}

function decodeCursor(cursor: string, sort: DocumentSort): string[] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (parsed.sort === sort && Array.isArray(parsed.keys) && parsed.keys.length === ORDER[sort].columns.length) {
      return parsed.keys.map(String);
    }
  } catch {
    // fall through
  }
  throw new InvalidInputException([{ field: 'cursor', reason: 'is not a cursor of this list and sort order' }]);
}

/** Document lists and details, filtered by what the viewer may see, in the query itself. */
@Injectable()
export class DocumentsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(viewer: Viewer, query: AdminListDocumentsQuery): Promise<PartnerDocumentPage | AdminDocumentPage> {
    const visible = visibleDocuments(viewer);
    const params = [...visible.params];
    const where = [visible.sql];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (query.type) add((p) => `d.document_type = ${p}`, this.erpType(viewer, query.type));
    if (viewer.kind === 'administrator') {
      if (query.partnerType) add((p) => `d.partner_type = ${p}`, query.partnerType);
      if (query.partnerNo) add((p) => `d.partner_no = ${p}`, query.partnerNo);
    }
    if (query.status) add((p) => `d.status = ${p}`, query.status);
    if (query.from) add((p) => `d.document_date >= ${p}::date`, query.from);
    if (query.to) add((p) => `d.document_date <= ${p}::date`, query.to);
    if (query.search) {
      add(
        (p) => `(d.document_no LIKE ${p} || '%' OR d.external_document_no LIKE ${p} || '%')`,
        query.search.replace(/[\\%_]/g, (c) => `\\${c}`),
      );
    }
    const order = ORDER[query.sort];
    if (query.cursor) {
      const keys = decodeCursor(query.cursor, query.sort);
      const placeholders = keys.map((key, i) => {
        params.push(key);
        return i === 0 && query.sort.startsWith('date')
          ? `$${params.length}::date`
          : i === keys.length - 1
            ? `$${params.length}::uuid`
            : `$${params.length}`;
      });
      where.push(
        `(${order.columns.join(', ')}) ${order.direction === 'DESC' ? '<' : '>'} (${placeholders.join(', ')})`,
      );
    }
    params.push(query.limit + 1);
    const rows: DocumentRow[] = await this.dataSource.query(
      `SELECT ${LIST_COLUMNS} FROM document d WHERE ${where.join(' AND ')}
        ORDER BY ${order.columns.map((c) => `${c} ${order.direction}`).join(', ')} LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((row) => toView(row, viewer)),
      nextCursor: rows.length > query.limit ? encodeCursor(query.sort, page[page.length - 1]) : null,
    };
  }

  /** One document with its lines; 404 when it does not exist or the viewer may not see it (never 403). */
  async get(viewer: Viewer, documentId: string): Promise<PartnerDocumentDetailResponse | AdminDocumentDetailResponse> {
    const visible = visibleDocuments(viewer, 2);
    const [row]: DocumentDetailRow[] = await this.dataSource.query(
      `SELECT ${LIST_COLUMNS}, d.lines, d.ship_to FROM document d WHERE d.id = $1 AND ${visible.sql}`,
      [documentId, ...visible.params],
    );
    if (!row) throw new NotFoundException(`document ${documentId} not found`);
    return toDetailView(row, viewer);
  }

  private erpType(viewer: Viewer, type: string): ErpDocumentType {
    if (viewer.kind === 'administrator') {
      if ((Object.values(ErpDocumentType) as string[]).includes(type)) return type as ErpDocumentType;
      throw new InvalidInputException([
        { field: 'type', reason: `must be one of ${Object.values(ErpDocumentType).join(', ')}` },
      ]);
    }
    if (viewer.kind === 'nobody') return ErpDocumentType.SalesOrder; // sees nothing whatever the type
    const erpType = erpTypeOf(viewer.partnerType, type as PartnerDocumentType);
    if (!erpType) {
      throw new InvalidInputException([
        { field: 'type', reason: `must be one of ${viewsOf(viewer.partnerType).join(', ')}` },
      ]);
    }
    return erpType;
  }
}
