import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  pageOf,
  placesOrders,
  Refusal,
  type AdminOrderListQuery,
  type CatalogueItemResponse,
  type CataloguePage,
  type CatalogueQuery,
  type OrderDefaultsResponse,
  type OrderListQuery,
  type OrderListResponse,
  type OrderRequest,
  type OrderResponse,
  type OrderUploadPreviewResponse,
  type PortalOrderStatus,
  type UploadPreviewOrderResponse,
} from '@partner-portal/api-contracts';
import { PortalOrderSubmitted, type DeliveryAddressV1 } from '@partner-portal/contracts';
import { PortalOrderFeedService } from '../connector-feed/portal-order-feed.service';
import { Outbox } from '@partner-portal/messaging';
import { selectListPage } from '@partner-portal/internal-api';
import type { Viewer } from '../documents/visibility';
import { orderTemplate } from './csv-writing';
import {
  CSV_MAX_ROWS,
  ordersFromCsv,
  rowOf,
  sortByRow,
  uploadInvalid,
  type CsvDelimiter,
  type RowError,
} from './order-csv';
import {
  addDays,
  estimatedTotal,
  orderableItem,
  orderDefaults,
  orderDefaultsMissing,
  ordererOf,
  orderInvalid,
  priceLines,
  suggestedDeliveryAddress,
  type Catalogue,
  type MirroredItem,
  type OrderDefaults,
  type Orderer,
  type OrderingParty,
  type PricedLine,
  type PriceListLine,
  type RequestedLine,
} from './order-rules';

interface PreparedOrder {
  request: OrderRequest;
  lines: PricedLine[];
}

const ORDER_COLUMNS = `o.id, o.portal_order_no, o.status, o.erp_order_no, o.rejection_reason, o.submission, o.estimated_total,
  o.currency_code, o.submitted_at, o.updated_at, o.contact_no, o.partner_no,
  (SELECT c.name FROM contact c
    WHERE c.tenant_id = o.tenant_id AND c.environment = o.environment AND c.company_id = o.company_id
      AND c.partner_type = 'customer' AND c.partner_no = o.partner_no AND c.contact_no = o.contact_no) AS contact_name,
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
  contact_name: string | null;
  partner_no: string;
  submitted_at: Date;
  updated_at: Date;
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
    contactName: row.contact_name,
    partnerNo: row.partner_no,
    submittedAt: new Date(row.submitted_at).toISOString(),
    // The ERP's answer is the only change of an order after its submission.
    answeredAt: row.status === 'submitted' ? null : new Date(row.updated_at).toISOString(),
  };
}

/** The ordering customer and contact as the ERP mirror knows them, with what the wizard shows of them. */
interface OrderingRecord extends OrderingParty {
  companyName: string | null;
  customerName: string | null;
  address: { line1: string; line2?: string; city: string; postalCode: string; countryCode: string } | null;
}

/** `text` for an SQL `LIKE`, its wildcards taken literally. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

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
    const orderer = ordererOf(viewer);
    return this.oncePerKey(orderer, [idempotencyKey], async (manager) => {
      const [existing] = await this.byKeys(manager, orderer, [idempotencyKey]);
      if (existing) return { order: existing, replayed: true };
      const party = await this.orderingRecord(manager, orderer);
      const defaults = orderDefaults(party);
      const catalogue = await this.catalogueFor(manager, orderer, party, request.lines);
      const priced = priceLines(request.lines, catalogue);
      const errors = [...defaults.missing, ...priced.errors];
      if (errors.length || !('defaults' in defaults)) {
        throw orderInvalid(errors);
      }
      return {
        order: await this.insert(
          manager,
          orderer,
          defaults.defaults,
          { request, lines: priced.lines },
          idempotencyKey,
          correlationId,
        ),
        replayed: false,
      };
    }).then((result) => ('order' in result ? result : { order: result.orders[0], replayed: true }));
  }

  /** Creates every order of a CSV file in one transaction, or none: all errors come back with their rows. */
  async upload(
    viewer: Viewer,
    content: string,
    idempotencyKey: string,
    correlationId: string,
  ): Promise<{ orders: OrderResponse[]; replayed: boolean }> {
    const orderer = ordererOf(viewer);
    const keys = (count: number) => Array.from({ length: Math.max(1, count) }, (_, i) => `${idempotencyKey}#${i}`);
    return this.oncePerKey(orderer, keys(CSV_MAX_ROWS), async (manager) => {
      const checked = await this.checkUpload(manager, orderer, content);
      // One key per order of the file, as read: a replay of the same file finds every order it created.
      const keys = Array.from({ length: Math.max(1, checked.orderCount) }, (_, i) => `${idempotencyKey}#${i}`);
      const existing = await this.byKeys(manager, orderer, keys);
      if (existing.length) return { orders: existing, replayed: true };
      if (checked.errors.length || !checked.defaults) throw uploadInvalid(checked.errors);
      const created = [];
      for (const [i, order] of checked.orders.entries())
        created.push(await this.insert(manager, orderer, checked.defaults, order, keys[i], correlationId));
      return { orders: created, replayed: false };
    });
  }

  /**
   * Runs a create in a transaction, once per idempotency key: when a concurrent request with the same key (a double
   * click) created first, this one's insert hits the key's unique constraint and answers what the other created.
   */
  private async oncePerKey<T extends object>(
    orderer: Orderer,
    keys: string[],
    create: (manager: EntityManager) => Promise<T>,
  ): Promise<T | { orders: OrderResponse[]; replayed: true }> {
    try {
      return await this.dataSource.transaction(create);
    } catch (error) {
      const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
      if (driverError?.code !== '23505' || driverError.constraint !== 'portal_order_idempotency') throw error;
      const orders = await this.byKeys(this.dataSource.manager, orderer, keys);
      if (!orders.length) throw error;
      return { orders, replayed: true };
    }
  }

  /** What `upload` would do with a file, checked by the same code, in a transaction that writes nothing. */
  async previewUpload(viewer: Viewer, content: string): Promise<OrderUploadPreviewResponse> {
    const orderer = ordererOf(viewer);
    const checked = await this.checkUpload(this.dataSource.manager, orderer, content);
    return {
      acceptable: checked.errors.length === 0,
      orders: checked.preview,
      rowErrors: checked.errors,
      delimiter: checked.delimiter,
      rowCount: checked.rowCount,
      currencyCode: checked.party.partner?.currencyCode ?? null,
    };
  }

  /**
   * Reads, validates and prices an upload: the file's own problems, the contact record's missing fields (on row 1)
   * and every line's catalogue problem, by row. `orders` are the orders to create when there is no problem.
   */
  private async checkUpload(manager: EntityManager, orderer: Orderer, content: string) {
    const read = ordersFromCsv(content);
    const party = await this.orderingRecord(manager, orderer);
    const defaults = orderDefaults(party);
    const errors: RowError[] = [...read.errors, ...defaults.missing.map((e) => ({ row: 1, ...e }))];
    const catalogue = await this.catalogueFor(
      manager,
      orderer,
      party,
      read.orders.flatMap((o) => o.checkableLines.map((l) => l.line)),
    );
    const orders: PreparedOrder[] = [];
    const preview: UploadPreviewOrderResponse[] = [];
    for (const order of read.orders) {
      const priced = priceLines(
        order.checkableLines.map((l) => l.line),
        catalogue,
      );
      errors.push(
        ...priced.errors.map((e) =>
          rowOf(
            e,
            order.checkableLines.map((l) => l.row),
          ),
        ),
      );
      if (!order.request || priced.errors.length) continue;
      orders.push({ request: order.request, lines: priced.lines });
      preview.push({
        orderRef: order.orderRef,
        requestedReceiptDate: order.request.requestedReceiptDate,
        requisitionNo: order.request.requisitionNo ?? null,
        deliveryAddress: order.request.deliveryAddress,
        lines: priced.lines.map((line, i) => ({
          row: order.rows[i],
          itemNo: line.itemNo,
          quantity: line.quantity,
          unitCode: line.unitCode,
          estimatedUnitPrice: line.estimatedUnitPrice,
          estimatedNetAmount: line.estimatedNetAmount,
        })),
        estimatedTotal: estimatedTotal(priced.lines),
      });
    }
    return {
      party,
      defaults: 'defaults' in defaults ? defaults.defaults : undefined,
      orders,
      preview,
      errors: sortByRow(errors),
      delimiter: read.delimiter,
      rowCount: read.rowCount,
      orderCount: read.orders.length,
    };
  }

  /** What the order wizard shows as defaulted from the contact record; 422 naming every missing field. */
  async defaults(viewer: Viewer): Promise<OrderDefaultsResponse> {
    const orderer = ordererOf(viewer);
    const party = await this.orderingRecord(this.dataSource.manager, orderer);
    const defaults = this.defaultsOrRefuse(party);
    return {
      environment: orderer.environment,
      companyId: orderer.companyId,
      companyName: party.companyName,
      customerAccount: defaults.customerAccount,
      customerName: party.customerName,
      invoiceCustomer: defaults.invoiceCustomer,
      currencyCode: defaults.currencyCode,
      priceListCode: defaults.priceListCode,
      languageCode: defaults.languageCode,
      shipToCountryCode: defaults.shipToCountryCode,
      contactNo: defaults.contactNo,
      contactName: defaults.contactName,
      suggestedDeliveryAddress: suggestedDeliveryAddress(party.customerName ?? defaults.customerAccount, party.address),
    };
  }

  /**
   * The items the customer can order, by item number, with their prices from the customer's price list: blocked
   * and unpriced items are left out. `search` matches the start of the number or any part of the description.
   */
  async catalogue(viewer: Viewer, query: CatalogueQuery): Promise<CataloguePage> {
    const orderer = ordererOf(viewer);
    const party = await this.orderingRecord(this.dataSource.manager, orderer);
    const defaults = this.defaultsOrRefuse(party);
    const prices = await this.priceList(this.dataSource.manager, orderer, defaults.priceListCode);
    const search = query.search?.trim() ? likeLiteral(query.search.trim()) : null;
    // Only items with a price in a unit they have: the page and its total then count what the wizard can order
    // (`orderableItem` keeps the same items).
    const priced = [...new Set(prices.map((p) => `${p.itemNo}\u0001${p.unitCode}`))];
    const { rows, total } = await selectListPage<MirroredItem>(
      this.dataSource,
      {
        columns: `i.item_no AS "itemNo", i.description, i.base_unit_code AS "baseUnitCode", i.units, i.blocked`,
        from: 'item i',
        where: `i.tenant_id = $1 AND i.environment = $2 AND i.company_id = $3 AND NOT i.blocked
          AND EXISTS (SELECT 1 FROM jsonb_array_elements(i.units) u
                       WHERE i.item_no || chr(1) || (u->>'unitCode') = ANY($4::text[]))
          AND ($5::text IS NULL OR i.item_no ILIKE $5 || '%' OR i.description ILIKE '%' || $5 || '%')`,
        orderBy: 'i.item_no',
        params: [orderer.tenantId, orderer.environment, orderer.companyId, priced, search],
      },
      query,
    );
    return {
      priceListCode: defaults.priceListCode,
      currencyCode: defaults.currencyCode,
      ...pageOf(rows.flatMap((item) => orderableItem(item, prices) ?? []) as CatalogueItemResponse[], query, total),
    };
  }

  /**
   * The upload template: header and an example row with the first item the customer can order (in a unit it has a
   * price in) and the customer's address, asking for a day two weeks ahead; placeholders where the mirror has none.
   */
  async template(viewer: Viewer, delimiter: CsvDelimiter, today = new Date()): Promise<string> {
    const orderer = ordererOf(viewer);
    const party = await this.orderingRecord(this.dataSource.manager, orderer);
    const defaults = orderDefaults(party);
    const first =
      'defaults' in defaults
        ? (await this.catalogue(viewer, { page: 1, pageSize: 20 })).items.find((item) => item.units.length > 0)
        : undefined;
    return orderTemplate(
      {
        item: first && { itemNo: first.itemNo, unitCode: first.units[0].unitCode },
        address: suggestedDeliveryAddress(party.customerName ?? orderer.partnerNo, party.address),
        requestedReceiptDate: addDays(today, 14),
      },
      delimiter,
    );
  }

  /**
   * The orders a viewer may see, newest first (the orders of one upload share their time: the later number first):
   * an administrator all (narrowed by `environment`, `companyId`, `partnerNo`), a representative its partner's, an
   * authorized user its own.
   */
  async list(viewer: Viewer, query: OrderListQuery & Partial<AdminOrderListQuery>): Promise<OrderListResponse> {
    const visible = this.visibleOrders(viewer);
    if (!visible) return pageOf([], query, 0);
    const params = [...visible.params];
    const where = [visible.sql];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (viewer.kind === 'administrator') {
      if (query.environment) where.push(`o.environment = ${param(query.environment)}`);
      if (query.companyId) where.push(`o.company_id = ${param(query.companyId)}`);
      if (query.partnerNo) where.push(`o.partner_no = ${param(query.partnerNo)}`);
    }
    if (query.status) where.push(`o.status = ${param(query.status)}`);
    if (query.search?.trim()) {
      const prefix = param(`${likeLiteral(query.search.trim())}%`);
      where.push(
        `(o.portal_order_no ILIKE ${prefix} OR o.erp_order_no ILIKE ${prefix} OR o.submission->>'requisitionNo' ILIKE ${prefix})`,
      );
    }
    // Numbers are unique in a tenant, so the order is total; portal_order_by_partner serves a partner's list.
    const { rows, total } = await selectListPage<OrderRow>(
      this.dataSource,
      {
        columns: ORDER_COLUMNS,
        from: 'portal_order o',
        where: where.join(' AND '),
        orderBy: 'o.submitted_at DESC, length(o.portal_order_no) DESC, o.portal_order_no DESC',
        params,
      },
      query,
    );
    return pageOf(rows.map(toView), query, total);
  }

  /** One order with its ERP answer, when the viewer may see it (as in `list`); 404 otherwise. */
  async one(viewer: Viewer, portalOrderId: string): Promise<OrderResponse> {
    const visible = this.visibleOrders(viewer);
    const [row]: OrderRow[] = visible
      ? await this.dataSource.query(
          `SELECT ${ORDER_COLUMNS} FROM portal_order o WHERE ${visible.sql} AND o.id = $${visible.params.length + 1}`,
          [...visible.params, portalOrderId],
        )
      : [];
    if (!row) throw new Refusal('not_found', 'not_found', `portal order ${portalOrderId} not found`);
    return toView(row);
  }

  /** The orders a viewer may see, as a condition on `portal_order o` ($1...), or none at all. */
  private visibleOrders(viewer: Viewer): { sql: string; params: unknown[] } | undefined {
    if (viewer.kind === 'nobody') return undefined;
    if (viewer.kind === 'administrator') return { sql: 'o.tenant_id = $1', params: [viewer.tenantId] };
    const partner = 'o.tenant_id = $1 AND o.environment = $2 AND o.company_id = $3 AND o.partner_no = $4';
    const params = [viewer.tenantId, viewer.environment, viewer.companyId, viewer.partnerNo];
    // Portal orders are customers' only; a vendor's or 3PL customer's membership sees none.
    if (!placesOrders(viewer.partnerType)) return undefined;
    if (viewer.kind === 'representative') return { sql: partner, params };
    return { sql: `${partner} AND o.membership_id = $5`, params: [...params, viewer.membershipId] };
  }

  /** The defaults of the contact record, or a 422 naming every missing field (`order_defaults_missing`). */
  private defaultsOrRefuse(party: OrderingParty): OrderDefaults {
    const defaults = orderDefaults(party);
    if ('defaults' in defaults) return defaults.defaults;
    throw orderDefaultsMissing(defaults.missing);
  }

  /** The ordering customer, contact and company from the ERP mirror. */
  private async orderingRecord(manager: EntityManager, orderer: Orderer): Promise<OrderingRecord> {
    const scope = [orderer.tenantId, orderer.environment, orderer.companyId];
    const [partner] = await manager.query(
      `SELECT partner_no AS "partnerNo", name, address, currency_code AS "currencyCode", price_list_code AS "priceListCode",
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
    const [company] = await manager.query(
      `SELECT COALESCE(display_name, name) AS name FROM company WHERE tenant_id = $1 AND environment = $2 AND company_id = $3`,
      scope,
    );
    const { name: customerName = null, address = null, ...customer } = partner ?? {};
    return {
      partner: partner ? customer : undefined,
      contact,
      companyName: company?.name ?? null,
      customerName,
      address,
    };
  }

  /** The lines of the customer's price list. */
  private async priceList(manager: EntityManager, orderer: Orderer, priceListCode: string): Promise<PriceListLine[]> {
    const [priceList] = await manager.query(
      `SELECT lines FROM price_list WHERE tenant_id = $1 AND environment = $2 AND company_id = $3 AND price_list_code = $4`,
      [orderer.tenantId, orderer.environment, orderer.companyId, priceListCode],
    );
    return priceList?.lines ?? [];
  }

  /** The items the lines name and the customer's price list, for `priceLines`. */
  private async catalogueFor(
    manager: EntityManager,
    orderer: Orderer,
    party: OrderingParty,
    lines: readonly RequestedLine[],
  ): Promise<Catalogue> {
    const itemNos = [...new Set(lines.map((l) => l.itemNo))];
    const items = await manager.query(
      `SELECT item_no, blocked, units FROM item WHERE tenant_id = $1 AND environment = $2 AND company_id = $3 AND item_no = ANY($4)`,
      [orderer.tenantId, orderer.environment, orderer.companyId, itemNos],
    );
    const priceListCode = party.partner?.priceListCode;
    return {
      items: new Map(
        items.map((i: { item_no: string; blocked: boolean; units: Array<{ unitCode: string }> }) => [i.item_no, i]),
      ),
      prices: priceListCode ? await this.priceList(manager, orderer, priceListCode) : [],
    };
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
    const submitted = this.outbox.create(PortalOrderSubmitted, {
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
    });
    await this.outbox.append(manager, [submitted]);
    // HTTP-only connectors read the same event from the feed, at the order's number (a per-tenant sequence).
    await PortalOrderFeedService.append(manager, Number(last_no), submitted);
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
}
