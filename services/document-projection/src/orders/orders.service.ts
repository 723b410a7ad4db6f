import { randomUUID } from 'node:crypto';
import { ForbiddenException, HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { OrderListResponse, OrderRequest, OrderResponse, PortalOrderStatus } from '@partner-portal/api-contracts';
import { PartnerType, PortalOrderSubmitted, type DeliveryAddressV1, type FieldError } from '@partner-portal/contracts';
import { ProblemException } from '@partner-portal/internal-api';
import { Outbox } from '@partner-portal/messaging';
import type { Viewer } from '../documents/visibility';
import { ordersFromCsv, type RowError } from './order-csv';
import {
  estimatedTotal,
  orderDefaults,
  priceLines,
  type Catalogue,
  type OrderDefaults,
  type PricedLine,
} from './order-rules';

type Orderer = Extract<Viewer, { kind: 'representative' | 'authorized_user' }>;

interface PreparedOrder {
  request: OrderRequest;
  lines: PricedLine[];
}

const ORDER_COLUMNS = `o.id, o.portal_order_no, o.status, o.erp_order_no, o.rejection_reason, o.submission, o.estimated_total,
  o.currency_code, o.submitted_at, o.contact_no,
  (SELECT d.id FROM document d WHERE d.portal_order_id = o.id AND d.deleted_at IS NULL ORDER BY d.updated_at DESC LIMIT 1) AS erp_document_id`;

/** A portal order row with the id of the ERP's own document for it. */
interface OrderRow {
  id: string;
  portal_order_no: string;
  status: PortalOrderStatus;
  erp_order_no: string | null;
  erp_document_id: string | null;
  rejection_reason: string | null;
  submission: {
    requestedReceiptDate: string;
    requisitionNo?: string;
    deliveryAddress: DeliveryAddressV1;
    lines: PricedLine[];
  };
  estimated_total: string;
  currency_code: string;
  contact_no: string;
  submitted_at: Date;
}

/** An order as the API shows it. */
function toView(row: OrderRow): OrderResponse {
  return {
    portalOrderId: row.id,
    portalOrderNo: row.portal_order_no,
    status: row.status,
    erpOrderNo: row.erp_order_no,
    /** The ERP's own sales order for this portal order, once projected. */
    erpDocumentId: row.erp_document_id,
    rejectionReason: row.rejection_reason,
    requestedReceiptDate: row.submission.requestedReceiptDate,
    requisitionNo: row.submission.requisitionNo ?? null,
    deliveryAddress: row.submission.deliveryAddress,
    lines: row.submission.lines,
    estimatedTotal: row.estimated_total,
    currencyCode: row.currency_code,
    contactNo: row.contact_no,
    submittedAt: new Date(row.submitted_at).toISOString(),
  };
}

/** Portal orders: placed by customer users, sent to the ERP through the outbox, updated by the ERP's answer. */
@Injectable()
export class OrdersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /** Creates one order, once per idempotency key: the same key again answers the first order (`replayed`). */
  async submit(
    viewer: Viewer,
    request: OrderRequest,
    idempotencyKey: string,
    correlationId: string,
  ): Promise<{ order: OrderResponse; replayed: boolean }> {
    const orderer = this.orderer(viewer);
    return this.dataSource.transaction(async (manager) => {
      const [existing] = await this.byKeys(manager, orderer, [idempotencyKey]);
      if (existing) return { order: existing, replayed: true };
      const { defaults, orders, errors } = await this.prepare(manager, orderer, [request], (e) => e);
      if (errors.length || !defaults) {
        throw new ProblemException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          `the order cannot be placed: ${errors.map((e) => e.field).join(', ')}`,
          {
            code: 'order_invalid',
            errors,
          },
        );
      }
      return {
        order: await this.insert(manager, orderer, defaults, orders[0], idempotencyKey, correlationId),
        replayed: false,
      };
    });
  }

  /** Creates every order of a CSV file in one transaction, or none: all errors come back with their rows. */
  async upload(
    viewer: Viewer,
    content: string,
    idempotencyKey: string,
    correlationId: string,
  ): Promise<{ orders: OrderResponse[]; replayed: boolean }> {
    const orderer = this.orderer(viewer);
    const parsed = ordersFromCsv(content);
    if (parsed.errors.length) throw this.uploadRefused(parsed.errors);
    return this.dataSource.transaction(async (manager) => {
      const keys = parsed.orders.map((_, i) => `${idempotencyKey}#${i}`);
      const existing = await this.byKeys(manager, orderer, keys);
      if (existing.length) return { orders: existing, replayed: true };
      const toRow = (error: FieldError, index: number): RowError => {
        const order = parsed.orders[index];
        const line = /^lines\[(\d+)\]\.(\w+)$/.exec(error.field);
        return line
          ? { row: order.rows[Number(line[1])], field: line[2], reason: error.reason }
          : { row: 1, field: error.field, reason: error.reason };
      };
      const { defaults, orders, errors } = await this.prepare(
        manager,
        orderer,
        parsed.orders.map((o) => o.request),
        toRow,
      );
      if (errors.length || !defaults) throw this.uploadRefused(errors as RowError[]);
      const created = [];
      for (const [i, order] of orders.entries())
        created.push(await this.insert(manager, orderer, defaults, order, keys[i], correlationId));
      return { orders: created, replayed: false };
    });
  }

  /** The orders a viewer may see: an administrator all, a representative its partner's, an authorized user its own. */
  async list(viewer: Viewer, limit: number): Promise<OrderListResponse> {
    if (viewer.kind === 'nobody') return { items: [] };
    const params: unknown[] = [viewer.tenantId];
    let where = 'o.tenant_id = $1';
    if (viewer.kind !== 'administrator') {
      params.push(viewer.environment, viewer.companyId, viewer.partnerNo);
      where += ' AND o.environment = $2 AND o.company_id = $3 AND o.partner_no = $4';
      if (viewer.kind === 'authorized_user') {
        params.push(viewer.membershipId);
        where += ' AND o.membership_id = $5';
      }
    }
    params.push(limit);
    const rows: OrderRow[] = await this.dataSource.query(
      `SELECT ${ORDER_COLUMNS} FROM portal_order o WHERE ${where} ORDER BY o.submitted_at DESC, o.portal_order_no DESC LIMIT $${params.length}`,
      params,
    );
    return { items: rows.map(toView) };
  }

  private orderer(viewer: Viewer): Orderer {
    if (viewer.kind === 'administrator' || viewer.kind === 'nobody')
      throw new ForbiddenException('orders are placed by customer users');
    if (viewer.partnerType !== PartnerType.Customer) throw new ForbiddenException('orders are placed by customers');
    return viewer;
  }

  /**
   * The defaults from the contact record and the priced lines of each order. Every problem is reported, mapped by
   * `locate` (to a row of an upload, say): missing defaults once, line problems per order.
   */
  private async prepare<E>(
    manager: EntityManager,
    orderer: Orderer,
    requests: OrderRequest[],
    locate: (error: FieldError, orderIndex: number) => E,
  ): Promise<{ defaults?: OrderDefaults; orders: PreparedOrder[]; errors: E[] }> {
    const scope = [orderer.tenantId, orderer.environment, orderer.companyId];
    const [partner] = await manager.query(
      `SELECT partner_no AS "partnerNo", currency_code AS "currencyCode", price_list_code AS "priceListCode",
              language_code AS "languageCode", ship_to_country_code AS "shipToCountryCode",
              address->>'countryCode' AS "addressCountryCode", invoice_partner_no AS "invoicePartnerNo", blocked
         FROM partner WHERE tenant_id = $1 AND environment = $2 AND company_id = $3 AND partner_type = 'customer'
          AND partner_no = $4 AND deleted_at IS NULL`,
      [...scope, orderer.partnerNo],
    );
    const [contact] = await manager.query(
      `SELECT contact_no AS "contactNo", name, email, language_code AS "languageCode" FROM contact
        WHERE tenant_id = $1 AND environment = $2 AND company_id = $3 AND partner_type = 'customer' AND partner_no = $4
          AND contact_no = $5 AND deleted_at IS NULL`,
      [...scope, orderer.partnerNo, orderer.contactNo],
    );
    const defaults = orderDefaults({ partner, contact });
    const errors: E[] = defaults.missing.map((e) => locate(e, 0));
    const itemNos = [...new Set(requests.flatMap((r) => r.lines.map((l) => l.itemNo)))];
    const items = await manager.query(
      `SELECT item_no, blocked, units FROM item WHERE tenant_id = $1 AND environment = $2 AND company_id = $3 AND item_no = ANY($4)`,
      [...scope, itemNos],
    );
    const [priceList] = partner?.priceListCode
      ? await manager.query(
          `SELECT lines FROM price_list WHERE tenant_id = $1 AND environment = $2 AND company_id = $3 AND price_list_code = $4`,
          [...scope, partner.priceListCode],
        )
      : [];
    const catalogue: Catalogue = {
      items: new Map(
        items.map((i: { item_no: string; blocked: boolean; units: Array<{ unitCode: string }> }) => [i.item_no, i]),
      ),
      prices: priceList?.lines ?? [],
    };
    const orders = requests.map((request, index) => {
      const priced = priceLines(request.lines, catalogue);
      errors.push(...priced.errors.map((e) => locate(e, index)));
      return { request, lines: priced.lines };
    });
    return { defaults: 'defaults' in defaults ? defaults.defaults : undefined, orders, errors };
  }

  private async insert(
    manager: EntityManager,
    orderer: Orderer,
    defaults: OrderDefaults,
    order: PreparedOrder,
    idempotencyKey: string,
    correlationId: string,
  ): Promise<OrderResponse> {
    const [{ last_no }] = await manager.query(
      `INSERT INTO portal_order_counter (tenant_id, last_no) VALUES ($1, 1)
       ON CONFLICT (tenant_id) DO UPDATE SET last_no = portal_order_counter.last_no + 1 RETURNING last_no`,
      [orderer.tenantId],
    );
    const id = randomUUID();
    const portalOrderNo = `PO-${String(last_no).padStart(6, '0')}`;
    const [{ email, portal_user_id, environment_type }] = await manager.query(
      `SELECT m.email, m.portal_user_id, COALESCE(c.environment_type, 'production') AS environment_type
         FROM membership m LEFT JOIN contact c ON (c.tenant_id, c.environment, c.company_id, c.partner_type, c.partner_no, c.contact_no)
                                                = (m.tenant_id, m.environment, m.company_id, m.partner_type, m.partner_no, m.contact_no)
        WHERE m.membership_id = $1`,
      [orderer.membershipId],
    );
    const submission = {
      requestedReceiptDate: order.request.requestedReceiptDate,
      deliveryAddress: order.request.deliveryAddress,
      ...(order.request.requisitionNo ? { requisitionNo: order.request.requisitionNo } : {}),
      lines: order.lines,
    };
    const total = estimatedTotal(order.lines);
    await manager.query(
      `INSERT INTO portal_order (id, tenant_id, environment, environment_type, company_id, partner_no, portal_order_no, membership_id,
                                 contact_no, idempotency_key, status, submission, estimated_total, currency_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'submitted', $11, $12, $13)`,
      [
        id,
        orderer.tenantId,
        orderer.environment,
        environment_type,
        orderer.companyId,
        orderer.partnerNo,
        portalOrderNo,
        orderer.membershipId,
        defaults.contactNo,
        idempotencyKey,
        JSON.stringify(submission),
        total,
        defaults.currencyCode,
      ],
    );
    await this.outbox.append(manager, [
      this.outbox.create(PortalOrderSubmitted, {
        tenantId: orderer.tenantId,
        correlationId,
        payload: {
          environment: orderer.environment,
          environmentType: environment_type,
          companyId: orderer.companyId,
          portalOrderId: id,
          portalOrderNo,
          partnerNo: defaults.customerAccount,
          invoicePartnerNo: defaults.invoiceCustomer,
          contactNo: defaults.contactNo,
          submittedBy: { portalUserId: portal_user_id, email },
          name: 'sales order',
          requestedReceiptDate: submission.requestedReceiptDate,
          deliveryAddress: submission.deliveryAddress,
          ...(submission.requisitionNo ? { requisitionNo: submission.requisitionNo } : {}),
          shipToCountryCode: defaults.shipToCountryCode,
          currencyCode: defaults.currencyCode,
          priceListCode: defaults.priceListCode,
          languageCode: defaults.languageCode,
          lines: order.lines.map((l) => ({
            lineNo: l.lineNo,
            itemNo: l.itemNo,
            quantity: l.quantity,
            unitCode: l.unitCode,
            estimatedUnitPrice: l.estimatedUnitPrice,
            estimatedNetAmount: l.estimatedNetAmount,
          })),
        },
      }),
    ]);
    const [row] = await manager.query(`SELECT ${ORDER_COLUMNS} FROM portal_order o WHERE o.id = $1`, [id]);
    return toView(row);
  }

  private async byKeys(manager: EntityManager, orderer: Orderer, keys: string[]): Promise<OrderResponse[]> {
    const rows: OrderRow[] = await manager.query(
      `SELECT ${ORDER_COLUMNS} FROM portal_order o WHERE o.membership_id = $1 AND o.idempotency_key = ANY($2) ORDER BY o.portal_order_no`,
      [orderer.membershipId, keys],
    );
    return rows.map(toView);
  }

  private uploadRefused(rowErrors: RowError[]) {
    return new ProblemException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      `${rowErrors.length} problem(s) in the file; no order was created`,
      {
        code: 'upload_invalid',
        rowErrors: [...rowErrors].sort((a, b) => a.row - b.row),
      },
    );
  }
}
