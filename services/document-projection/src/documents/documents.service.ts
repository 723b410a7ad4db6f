import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ErpDocumentType, type PartnerType } from '@partner-portal/contracts';
import { invalidInput, selectListPage } from '@partner-portal/internal-api';
import { erpTypeOf, ORDER_TYPES, viewsOf, type PartnerDocumentType } from '../projection/perspective';
import {
  pageOf,
  Refusal,
  type AdminDocumentDetailResponse,
  type AdminDocumentPage,
  type AdminDocumentResponse,
  type AdminDocumentSummaryQuery,
  type AdminDocumentSummaryResponse,
  type AdminListDocumentsQuery,
  type DocumentLineResponse,
  type DocumentReferenceResponse,
  type DocumentStatusChangeResponse,
  type DocumentSummaryResponse,
  type PartnerDocumentDetailResponse,
  type PartnerDocumentPage,
  type PartnerDocumentResponse,
  type ShipToAddressResponse,
} from '@partner-portal/api-contracts';
import { isOpenDocument } from './open-documents';
import { LIST_COLUMNS, ORDER } from './document-list.sql';
import { visibleDocuments, type Viewer } from './visibility';

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

/** One document read with its lines and ship-to address (JSON as the ERP sent them) and its status history. */
interface DocumentDetailRow extends DocumentRow {
  tenant_id: string;
  environment: string;
  company_id: string;
  lines: DocumentLineResponse[];
  ship_to: ShipToAddressResponse | null;
  status_history: DocumentStatusChangeResponse[];
}

/** What another document shows where this one names it. */
const REFERENCE_COLUMNS = `d.id AS "documentId", d.view_type AS type, d.document_no AS "documentNo", d.status,
  to_char(d.document_date, 'YYYY-MM-DD') AS "documentDate"`;

/** The documents this one is linked with. */
interface Links {
  followsFrom: DocumentReferenceResponse | null;
  followUps: DocumentReferenceResponse[];
}

/** Follow-ups shown on a document's page at most (an order has a handful: shipments, invoices, returns). */
const FOLLOW_UPS_MAX = 200;

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

/** One document with its lines, ship-to address, status history and links, as the API shows it. */
function toDetailView(
  row: DocumentDetailRow,
  links: Links,
  viewer: Viewer,
): PartnerDocumentDetailResponse | AdminDocumentDetailResponse {
  const base: PartnerDocumentDetailResponse = {
    ...partnerView(row),
    lines: row.lines,
    shipTo: row.ship_to ?? null,
    statusHistory: row.status_history,
    ...links,
  };
  return viewer.kind === 'administrator' ? { ...base, ...adminFields(row) } : base;
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
    if (viewer.kind === 'administrator' && query.view) {
      add((p) => `d.document_type = ${p}`, this.erpTypeOfView(query.partnerType, query.view));
    }
    if (viewer.kind === 'administrator') this.addPartnerFilters(query, add);
    if (query.status) add((p) => `d.status = ${p}`, query.status);
    if (query.orderNo) add((p) => `d.order_no = ${p}`, query.orderNo);
    if (query.from) add((p) => `d.document_date >= ${p}::date`, query.from);
    if (query.to) add((p) => `d.document_date <= ${p}::date`, query.to);
    if (query.search) {
      add(
        (p) => `(d.document_no LIKE ${p} || '%' OR d.external_document_no LIKE ${p} || '%')`,
        query.search.replace(/[\\%_]/g, (c) => `\\${c}`),
      );
    }
    const order = ORDER[query.sort];
    // The count and the page in one statement, with one filter; a partner's list by type is read off the
    // document_partner_list index in this order, so the first page stays cheap however long the list is.
    const { rows, total } = await selectListPage<DocumentRow>(
      this.dataSource,
      {
        columns: LIST_COLUMNS,
        from: 'document d',
        where: where.join(' AND '),
        orderBy: order.columns.map((c) => `${c} ${order.direction}`).join(', '),
        params,
      },
      query,
    );
    return pageOf(
      rows.map((row) => toView(row, viewer)),
      query,
      total,
    );
  }

  /**
   * One document with its lines, status history, the order it follows from and its follow-ups; 404 when it does
   * not exist or the viewer may not see it (never 403). Linked documents go through the same visibility rules, so
   * an authorized user sees only the follow-ups of its own orders.
   */
  async get(viewer: Viewer, documentId: string): Promise<PartnerDocumentDetailResponse | AdminDocumentDetailResponse> {
    const visible = visibleDocuments(viewer, 2);
    const [row]: DocumentDetailRow[] = await this.dataSource.query(
      `SELECT ${LIST_COLUMNS}, d.tenant_id, d.environment, d.company_id, d.lines, d.ship_to,
              (SELECT coalesce(json_agg(json_build_object(
                        'status', h.status, 'erpVersion', h.erp_version,
                        'changedAt', to_char(h.changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                      ORDER BY h.erp_version), '[]')
                 FROM document_status_history h WHERE h.document_id = d.id) AS status_history
         FROM document d WHERE d.id = $1 AND ${visible.sql}`,
      [documentId, ...visible.params],
    );
    if (!row) throw new Refusal('not_found', 'not_found', `document ${documentId} not found`);
    return toDetailView(row, await this.links(viewer, row), viewer);
  }

  /**
   * Counts of a partner's documents by type, in its words and order, open and in total, over what the viewer may
   * see (an authorized user: its own orders and what follows from them). A partner user counts its own partner;
   * an administrator names the partner type and narrows by environment, company and number.
   */
  async summary(
    viewer: Viewer,
    query?: AdminDocumentSummaryQuery,
  ): Promise<DocumentSummaryResponse | AdminDocumentSummaryResponse> {
    const partnerType =
      viewer.kind === 'administrator' ? query?.partnerType : viewer.kind === 'nobody' ? undefined : viewer.partnerType;
    if (!partnerType) return { types: [] };
    const visible = visibleDocuments(viewer);
    const params = [...visible.params];
    const where = [visible.sql];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (viewer.kind === 'administrator') this.addPartnerFilters({ ...query, partnerType }, add);
    // Counted per status in the database, judged open or not here: the rule stays one plain function, and a
    // partner has a handful of statuses per type.
    const rows: Array<{ document_type: ErpDocumentType; status: string | null; n: number }> =
      await this.dataSource.query(
        `SELECT d.document_type, d.status, count(*)::int AS n FROM document d WHERE ${where.join(' AND ')}
          GROUP BY d.document_type, d.status`,
        params,
      );
    return {
      types: viewsOf(partnerType).flatMap((type) => {
        const erpDocumentType = erpTypeOf(partnerType, type);
        if (!erpDocumentType) return [];
        const counted = rows.filter((r) => r.document_type === erpDocumentType);
        const count = {
          type,
          open: counted.filter((r) => isOpenDocument(erpDocumentType, r.status)).reduce((sum, r) => sum + r.n, 0),
          total: counted.reduce((sum, r) => sum + r.n, 0),
        };
        return viewer.kind === 'administrator' ? { ...count, erpDocumentType } : count;
      }),
    };
  }

  /** The order a document follows from and the documents that follow from it, both limited to what the viewer sees. */
  private async links(viewer: Viewer, row: DocumentDetailRow): Promise<Links> {
    const partner = [row.tenant_id, row.environment, row.company_id, row.partner_type, row.partner_no];
    const samePartner = `d.tenant_id = $1 AND d.environment = $2 AND d.company_id = $3 AND d.partner_type = $4 AND d.partner_no = $5`;
    const visibleOrder = visibleDocuments(viewer, 8);
    const visibleFollowUp = visibleDocuments(viewer, 7);
    const [followsFrom, followUps]: DocumentReferenceResponse[][] = await Promise.all([
      row.order_no === null
        ? Promise.resolve([])
        : this.dataSource.query(
            `SELECT ${REFERENCE_COLUMNS} FROM document d
              WHERE ${samePartner} AND d.document_no = $6 AND d.document_type = ANY($7::text[]) AND ${visibleOrder.sql}
              ORDER BY d.document_date, d.id LIMIT 1`,
            [...partner, row.order_no, ORDER_TYPES, ...visibleOrder.params],
          ),
      this.dataSource.query(
        `SELECT ${REFERENCE_COLUMNS} FROM document d
          WHERE ${samePartner} AND d.order_no = $6 AND ${visibleFollowUp.sql}
          ORDER BY d.document_date, d.document_no, d.id LIMIT ${FOLLOW_UPS_MAX}`,
        [...partner, row.document_no, ...visibleFollowUp.params],
      ),
    ]);
    return { followsFrom: followsFrom[0] ?? null, followUps };
  }

  /** An administrator's narrowing to one partner: numbers repeat across environments and companies. */
  private addPartnerFilters(
    query: Pick<AdminListDocumentsQuery, 'environment' | 'companyId' | 'partnerType' | 'partnerNo'>,
    add: (sql: (p: string) => string, value: unknown) => void,
  ): void {
    if (query.environment) add((p) => `d.environment = ${p}`, query.environment);
    if (query.companyId) add((p) => `d.company_id = ${p}`, query.companyId);
    if (query.partnerType) add((p) => `d.partner_type = ${p}`, query.partnerType);
    if (query.partnerNo) add((p) => `d.partner_no = ${p}`, query.partnerNo);
  }

  /** The ERP type behind a partner's word, for an administrator who names the partner type. */
  private erpTypeOfView(partnerType: PartnerType | undefined, view: PartnerDocumentType): ErpDocumentType {
    if (!partnerType) {
      throw invalidInput([
        { field: 'view', reason: "needs partnerType: a type in the partner's words depends on the partner's type" },
      ]);
    }
    const erpType = erpTypeOf(partnerType, view);
    if (!erpType) {
      throw invalidInput([{ field: 'view', reason: `must be one of ${viewsOf(partnerType).join(', ')}` }]);
    }
    return erpType;
  }

  private erpType(viewer: Viewer, type: string): ErpDocumentType {
    if (viewer.kind === 'administrator') {
      if ((Object.values(ErpDocumentType) as string[]).includes(type)) return type as ErpDocumentType;
      throw invalidInput([{ field: 'type', reason: `must be one of ${Object.values(ErpDocumentType).join(', ')}` }]);
    }
    if (viewer.kind === 'nobody') return ErpDocumentType.SalesOrder; // sees nothing whatever the type
    const erpType = erpTypeOf(viewer.partnerType, type as PartnerDocumentType);
    if (!erpType) {
      throw invalidInput([{ field: 'type', reason: `must be one of ${viewsOf(viewer.partnerType).join(', ')}` }]);
    }
    return erpType;
  }
}
