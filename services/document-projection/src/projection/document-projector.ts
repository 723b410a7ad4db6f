import type { EntityManager } from 'typeorm';
import type { DocumentDeleted, DocumentUpserted, EventOf, StockLevelChanged } from '@partner-portal/contracts';
import { PermanentError } from '@partner-portal/messaging';
import { documentId } from './document-id';
import { latestPerKey } from './latest-per-key';
import { partnerView } from './perspective';

type Upserted = EventOf<typeof DocumentUpserted>;

/** The tables a projector writes. */
export interface ProjectionTables {
  document: string;
  /** A document's status history; its rows name the document's `id` in `document`. */
  history: string;
  stock: string;
}

/** The tables queries read. */
export const LIVE_TABLES: ProjectionTables = {
  document: 'document',
  history: 'document_status_history',
  stock: 'stock_level',
};

interface DocumentEvent {
  tenantId: string;
  payload: { environment: string; companyId: string; documentType: string; documentNo: string };
}

const documentKey = (e: DocumentEvent) =>
  `${e.tenantId}|${e.payload.environment}|${e.payload.companyId}|${e.payload.documentType}|${e.payload.documentNo}`;

const idOf = (e: DocumentEvent) => documentId({ tenantId: e.tenantId, ...e.payload });

/**
 * Writes batches of ERP documents and stock levels into the read model, one SQL statement per batch (the hot path:
 * raw SQL with `unnest` arrays, because per-entity ORM writes cost far more than the database work). Every write
 * is version-aware: a row changes only for a higher `erpVersion`. A document's id derives from its key
 * (`documentId`), so a rebuild gives it the id it had.
 */
export class DocumentProjector {
  /** @param tables the tables to write: the live ones, or a rebuild's fresh ones */
  constructor(
    private readonly manager: EntityManager,
    private readonly tables: ProjectionTables = LIVE_TABLES,
  ) {}

  /**
   * Upserts the newest version of each document in the batch and, in the same statement, records its status
   * history: every event of the batch is taken in arrival order, as if applied one by one (an event counts when
   * its version is above everything applied before it), and a row is written when the document first arrives and
   * whenever an applied event changes its status. So the history does not depend on how events were batched.
   */
  async upsertDocuments(events: readonly Upserted[]): Promise<void> {
    const latest = latestPerKey(events, documentKey, (e) => e.payload.erpVersion);
    const views = latest.map((e) => {
      const view = partnerView(e.payload.partnerType, e.payload.documentType);
      if (!view) {
        throw new PermanentError(
          `a ${e.payload.partnerType} has no view of a ${e.payload.documentType} (document ${e.payload.documentNo})`,
        );
      }
      return view;
    });
    const slots = new Map(latest.map((e, i) => [documentKey(e), i + 1]));
    const column = <T>(pick: (e: Upserted, i: number) => T) => latest.map(pick);
    const { document, history } = this.tables;
    await this.manager.query(
      `WITH incoming AS (
         SELECT i.*, i.tenant_id || '|' || i.environment || '|' || i.company_id || '|' || i.document_type || '|' || i.document_no AS key
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                       $9::text[], $10::uuid[], $11::text[], $12::text[], $13::text[], $14::date[], $15::date[],
                       $16::date[], $17::text[], $18::numeric[], $19::numeric[], $20::jsonb[], $21::jsonb[], $22::int[],
                       $23::bigint[], $24::uuid[])
             WITH ORDINALITY AS i(tenant_id, environment, company_id, document_type, document_no, partner_type, partner_no,
                                  view_type, contact_no, portal_order_id, order_no, external_document_no, status, document_date,
                                  requested_date, due_date, currency_code, amount, amount_including_tax, ship_to, lines,
                                  line_count, erp_version, id, slot)
       ),
       -- What each document was before this statement (its snapshot), one probe of the unique key per document:
       -- LIMIT keeps the look-up lateral, so the planner never swaps it for a scan of the whole table.
       prior AS MATERIALIZED (
         SELECT i.slot, p.status, p.erp_version FROM incoming i
           CROSS JOIN LATERAL (
             SELECT p.status, p.erp_version FROM ${document} p
              WHERE p.tenant_id = i.tenant_id AND p.environment = i.environment AND p.company_id = i.company_id
                AND p.document_type = i.document_type AND p.document_no = i.document_no
              LIMIT 1
           ) p
       ),
       upserted AS (
         INSERT INTO ${document} AS document (id, tenant_id, environment, company_id, document_type, document_no, partner_type,
                               partner_no, view_type, contact_no, portal_order_id, order_no, external_document_no, status,
                               document_date, requested_date, due_date, currency_code, amount, amount_including_tax, ship_to,
                               lines, line_count, erp_version)
         SELECT id, tenant_id, environment, company_id, document_type, document_no, partner_type, partner_no, view_type,
                contact_no, portal_order_id, order_no, external_document_no, status, document_date, requested_date,
                due_date, currency_code, amount, amount_including_tax, ship_to, lines, line_count, erp_version
           FROM incoming
         ON CONFLICT (tenant_id, environment, company_id, document_type, document_no) DO UPDATE SET
           partner_type = EXCLUDED.partner_type, partner_no = EXCLUDED.partner_no, view_type = EXCLUDED.view_type,
           contact_no = EXCLUDED.contact_no, portal_order_id = EXCLUDED.portal_order_id, order_no = EXCLUDED.order_no,
           external_document_no = EXCLUDED.external_document_no, status = EXCLUDED.status,
           document_date = EXCLUDED.document_date, requested_date = EXCLUDED.requested_date, due_date = EXCLUDED.due_date,
           currency_code = EXCLUDED.currency_code, amount = EXCLUDED.amount, amount_including_tax = EXCLUDED.amount_including_tax,
           ship_to = EXCLUDED.ship_to, lines = EXCLUDED.lines, line_count = EXCLUDED.line_count,
           erp_version = EXCLUDED.erp_version, deleted_at = NULL, updated_at = now()
         WHERE document.erp_version < EXCLUDED.erp_version
         RETURNING id, tenant_id || '|' || environment || '|' || company_id || '|' || document_type || '|' || document_no AS key
       ),
       arrivals AS (
         SELECT e.slot, e.n, e.status, e.erp_version, e.occurred_at,
                max(e.erp_version) OVER (PARTITION BY e.slot ORDER BY e.n ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS seen
           FROM unnest($25::int[], $26::text[], $27::bigint[], $28::timestamptz[])
             WITH ORDINALITY AS e(slot, status, erp_version, occurred_at, n)
       ),
       applied AS MATERIALIZED (
         SELECT a.slot, a.status, a.erp_version, a.occurred_at, p.status AS prior_status,
                lag(a.status) OVER (PARTITION BY a.slot ORDER BY a.n) AS previous_status
           FROM arrivals a LEFT JOIN prior p ON p.slot = a.slot
          WHERE a.erp_version > coalesce(greatest(a.seen, p.erp_version), -1)
       ),
       changes AS MATERIALIZED (
         SELECT i.key, a.status, a.erp_version, a.occurred_at
           FROM applied a JOIN incoming i ON i.slot = a.slot
          WHERE a.status IS DISTINCT FROM coalesce(a.previous_status, a.prior_status)
       )
       INSERT INTO ${history} (document_id, erp_version, status, changed_at)
       SELECT u.id, c.erp_version, c.status, c.occurred_at FROM changes c JOIN upserted u ON u.key = c.key
       ON CONFLICT DO NOTHING`,
      [
        column((e) => e.tenantId),
        column((e) => e.payload.environment),
        column((e) => e.payload.companyId),
        column((e) => e.payload.documentType),
        column((e) => e.payload.documentNo),
        column((e) => e.payload.partnerType),
        column((e) => e.payload.partnerNo),
        views,
        column((e) => e.payload.contactNo ?? null),
        column((e) => e.payload.portalOrderId ?? null),
        column((e) => e.payload.orderNo ?? null),
        column((e) => e.payload.externalDocumentNo ?? null),
        column((e) => e.payload.status),
        column((e) => e.payload.documentDate),
        column((e) => e.payload.requestedDate ?? null),
        column((e) => e.payload.dueDate ?? null),
        column((e) => e.payload.currencyCode),
        column((e) => e.payload.amount),
        column((e) => e.payload.amountIncludingTax),
        column((e) => (e.payload.shipTo ? JSON.stringify(e.payload.shipTo) : null)),
        column((e) => JSON.stringify(e.payload.lines)),
        column((e) => e.payload.lines.length),
        column((e) => e.payload.erpVersion),
        column(idOf),
        events.map((e) => slots.get(documentKey(e))),
        events.map((e) => e.payload.status),
        events.map((e) => e.payload.erpVersion),
        events.map((e) => e.occurredAt),
      ],
    );
  }

  async deleteDocuments(events: readonly EventOf<typeof DocumentDeleted>[]): Promise<void> {
    const latest = latestPerKey(events, documentKey, (e) => e.payload.erpVersion);
    await this.manager.query(
      `INSERT INTO ${this.tables.document} AS document (tenant_id, environment, company_id, document_type, document_no, partner_type, partner_no, erp_version, id, deleted_at)
       SELECT t, e, c, d, n, pt, pn, v, id, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::uuid[])
         AS x(t, e, c, d, n, pt, pn, v, id)
       ON CONFLICT (tenant_id, environment, company_id, document_type, document_no) DO UPDATE
         SET erp_version = EXCLUDED.erp_version, deleted_at = now(), updated_at = now()
       WHERE document.erp_version < EXCLUDED.erp_version`,
      [
        latest.map((e) => e.tenantId),
        latest.map((e) => e.payload.environment),
        latest.map((e) => e.payload.companyId),
        latest.map((e) => e.payload.documentType),
        latest.map((e) => e.payload.documentNo),
        latest.map((e) => e.payload.partnerType),
        latest.map((e) => e.payload.partnerNo),
        latest.map((e) => e.payload.erpVersion),
        latest.map(idOf),
      ],
    );
  }

  async upsertStock(events: readonly EventOf<typeof StockLevelChanged>[]): Promise<void> {
    const place = (e: EventOf<typeof StockLevelChanged>) => [
      e.tenantId,
      e.payload.environment,
      e.payload.companyId,
      e.payload.partnerNo,
      e.payload.itemNo,
      e.payload.locationCode,
      e.payload.binCode ?? '',
      e.payload.licensePlate ?? '',
      e.payload.lotNo ?? '',
      e.payload.serialNo ?? '',
    ];
    const latest = latestPerKey(
      events,
      (e) => place(e).join('|'),
      (e) => e.payload.erpVersion,
    );
    const columns = Array.from({ length: 10 }, (_, i) => latest.map((e) => place(e)[i]));
    await this.manager.query(
      `INSERT INTO ${this.tables.stock} AS stock_level (tenant_id, environment, company_id, partner_no, item_no, location_code, bin_code, license_plate,
                                lot_no, serial_no, description, quantity, unit_code, erp_version)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                            $9::text[], $10::text[], $11::text[], $12::numeric[], $13::text[], $14::bigint[])
       ON CONFLICT (tenant_id, environment, company_id, partner_no, item_no, location_code, bin_code, license_plate, lot_no, serial_no)
       DO UPDATE SET description = EXCLUDED.description, quantity = EXCLUDED.quantity, unit_code = EXCLUDED.unit_code,
                     erp_version = EXCLUDED.erp_version, updated_at = now()
       WHERE stock_level.erp_version < EXCLUDED.erp_version`,
      [
        ...columns,
        latest.map((e) => e.payload.description ?? null),
        latest.map((e) => e.payload.quantity),
        latest.map((e) => e.payload.unitCode),
        latest.map((e) => e.payload.erpVersion),
      ],
    );
  }
}
