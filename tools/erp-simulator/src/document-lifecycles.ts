import {
  createEvent,
  DocumentUpserted,
  ErpDocumentType,
  PartnerType,
  StockLevelChanged,
  type EventEnvelope,
} from '@partner-portal/contracts';
import type { ErpCompany, SimulatedItem, SimulatedPartner } from './erp-tenant';
import type { ErpModel } from './master-data';
import { Random, uuidFrom } from './random';

/** How often the stream misbehaves on purpose, as real connectors do. */
export interface StreamQuirks {
  /** Share of events sent twice (the same event id). */
  repeated: number;
  /** Share of document updates whose older version is sent after the newer one. */
  outOfOrder: number;
}

export const DEFAULT_QUIRKS: StreamQuirks = { repeated: 0.02, outOfOrder: 0.02 };

interface LineState {
  item: SimulatedItem;
  unitCode: string;
  quantity: number;
  unitPrice: number;
}

interface OpenDocument {
  documentType: ErpDocumentType;
  documentNo: string;
  partner: SimulatedPartner;
  contactNo?: string;
  portalOrderId?: string;
  version: number;
  lines: LineState[];
  date: string;
  stage: 'open' | 'shipped' | 'invoiced' | 'returned';
}

const money = (value: number) => value.toFixed(2);
const day = (offset: number) => new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);

/** Business Central-like number series per document type. */
const SERIES: Record<ErpDocumentType, string> = {
  [ErpDocumentType.SalesOrder]: 'SO',
  [ErpDocumentType.SalesShipment]: 'S-SHP',
  [ErpDocumentType.SalesReturnOrder]: 'S-RO',
  [ErpDocumentType.SalesInvoice]: 'S-INV',
  [ErpDocumentType.SalesCreditMemo]: 'S-CR',
  [ErpDocumentType.PurchaseOrder]: 'PO',
  [ErpDocumentType.PurchaseReceipt]: 'P-RCPT',
  [ErpDocumentType.PurchaseReturnOrder]: 'P-RO',
  [ErpDocumentType.PurchaseInvoice]: 'P-INV',
  [ErpDocumentType.PurchaseCreditMemo]: 'P-CR',
  [ErpDocumentType.WarehouseShipment]: 'WHS-SHP',
  [ErpDocumentType.WarehouseReceipt]: 'WHS-RCPT',
};

/**
 * Document life cycles of one company, step by step: sales orders that are shipped, invoiced, sometimes returned
 * and credited; purchase orders received and invoiced; 3PL receipts and shipments that move stock by location,
 * bin, lot and license plate. Deterministic for a seed. `next()` gives the events of one step, with the quirks of
 * a real connector mixed in (an event sent twice, an older version after a newer one).
 */
export class DocumentLifecycles {
  private readonly random: Random;
  private readonly numbers = new Map<ErpDocumentType, number>();
  private readonly open: OpenDocument[] = [];
  private readonly stock = new Map<string, { version: number; quantity: number }>();
  private readonly customers: SimulatedPartner[];
  private readonly vendors: SimulatedPartner[];
  private readonly logistics: SimulatedPartner[];
  private step = 0;
  private last?: EventEnvelope<object>;

  constructor(
    private readonly company: ErpCompany,
    private readonly model: ErpModel,
    seed: number,
    private readonly quirks: StreamQuirks = DEFAULT_QUIRKS,
    /** A prefix of document numbers, so that separate runs do not overwrite each other's documents. */
    private readonly runPrefix = '',
  ) {
    this.random = new Random(seed);
    this.customers = model.partners.filter((p) => p.partnerType === PartnerType.Customer);
    this.vendors = model.partners.filter((p) => p.partnerType === PartnerType.Vendor);
    this.logistics = model.partners.filter((p) => p.partnerType === PartnerType.ThirdPartyLogisticsCustomer);
  }

  /** The events of the next step of some life cycle (one to three). */
  next(): EventEnvelope<object>[] {
    this.step += 1;
    if (this.last && this.random.chance(this.quirks.repeated)) return [this.last];
    const roll = this.random.next();
    let events: EventEnvelope<object>[];
    const advancing = this.open.length > 20 ? 0.65 : 0.35;
    if (roll < advancing && this.open.length > 0) events = this.advance();
    else if (roll < 0.8 || this.logistics.length === 0) events = this.begin();
    else events = this.moveStock();
    this.last = events[events.length - 1];
    return events;
  }

  /** An ERP sales order created for a portal order (the `answer` command). */
  salesOrderForPortalOrder(order: {
    portalOrderId: string;
    partnerNo: string;
    contactNo: string;
    erpOrderNo: string;
    lines: Array<{ itemNo: string; quantity: string; unitCode: string; estimatedUnitPrice: string }>;
  }): EventEnvelope<object> {
    const partner = this.customers.find((p) => p.partnerNo === order.partnerNo);
    const document: OpenDocument = {
      documentType: ErpDocumentType.SalesOrder,
      documentNo: order.erpOrderNo,
      partner: partner ?? { ...this.customers[0], partnerNo: order.partnerNo },
      contactNo: order.contactNo,
      portalOrderId: order.portalOrderId,
      version: 1,
      date: new Date().toISOString().slice(0, 10),
      stage: 'open',
      lines: order.lines.map((l) => ({
        item: this.model.items.find((i) => i.itemNo === l.itemNo) ?? {
          itemNo: l.itemNo,
          description: l.itemNo,
          units: [{ unitCode: l.unitCode, qtyPerBaseUnit: 1 }],
          unitPrice: Number(l.estimatedUnitPrice),
        },
        unitCode: l.unitCode,
        quantity: Number(l.quantity),
        unitPrice: Number(l.estimatedUnitPrice),
      })),
    };
    this.open.push(document);
    // Its id follows from the portal order: answering the same order again (after a restart) is a duplicate the
    // projection skips, and another run's answers never collide with this one's.
    return { ...this.upsert(document, 'Open'), eventId: uuidFrom(`${order.portalOrderId}:sales-order`) };
  }

  private number(type: ErpDocumentType): string {
    const n = (this.numbers.get(type) ?? 1000) + 1;
    this.numbers.set(type, n);
    return `${SERIES[type]}${this.runPrefix}${n}`;
  }

  private lines(): LineState[] {
    return Array.from({ length: this.random.int(1, 4) }, () => {
      const item = this.random.pick(this.model.items);
      const unit = this.random.pick(item.units);
      return {
        item,
        unitCode: unit.unitCode,
        quantity: this.random.int(1, 20),
        unitPrice: item.unitPrice * unit.qtyPerBaseUnit,
      };
    });
  }

  private begin(): EventEnvelope<object>[] {
    const purchase = this.vendors.length > 0 && this.random.chance(0.25);
    const partner = this.random.pick(purchase ? this.vendors : this.customers);
    const document: OpenDocument = {
      documentType: purchase ? ErpDocumentType.PurchaseOrder : ErpDocumentType.SalesOrder,
      documentNo: this.number(purchase ? ErpDocumentType.PurchaseOrder : ErpDocumentType.SalesOrder),
      partner,
      contactNo: this.random.pick(partner.contacts)?.contactNo,
      version: 1,
      lines: this.lines(),
      date: day(this.step % 330),
      stage: 'open',
    };
    this.open.push(document);
    return [this.upsert(document, 'Open')];
  }

  /** Takes an open document one stage further: shipped or received, invoiced, sometimes returned and credited. */
  private advance(): EventEnvelope<object>[] {
    const index = this.random.int(0, this.open.length - 1);
    const order = this.open[index];
    const sales = order.documentType === ErpDocumentType.SalesOrder;
    if (order.stage === 'open') {
      order.stage = 'shipped';
      order.version += 1;
      const follow = this.followUp(order, sales ? ErpDocumentType.SalesShipment : ErpDocumentType.PurchaseReceipt);
      const updated = this.upsert(order, 'Released', { shipped: true });
      if (order.version > 1 && this.random.chance(this.quirks.outOfOrder)) {
        order.version += 1;
        const newer = this.upsert(order, 'Released', { shipped: true });
        // The newer version overtakes the older one on the way, as it happens between real connectors and brokers.
        return [follow, newer, updated];
      }
      return [follow, updated];
    }
    if (order.stage === 'shipped') {
      order.stage = 'invoiced';
      order.version += 1;
      if (!this.random.chance(0.1)) this.open.splice(index, 1);
      return [
        this.followUp(order, sales ? ErpDocumentType.SalesInvoice : ErpDocumentType.PurchaseInvoice, 'Open', 30),
        this.upsert(order, 'Invoiced', { shipped: true, invoiced: true }),
      ];
    }
    this.open.splice(index, 1);
    order.stage = 'returned';
    const returned = this.followUp(
      order,
      sales ? ErpDocumentType.SalesReturnOrder : ErpDocumentType.PurchaseReturnOrder,
    );
    const credited = this.followUp(order, sales ? ErpDocumentType.SalesCreditMemo : ErpDocumentType.PurchaseCreditMemo);
    return [returned, credited];
  }

  private followUp(order: OpenDocument, type: ErpDocumentType, status = 'Posted', dueInDays?: number) {
    // A follow-up names its order (orderNo); only the order itself carries the portal order it came from.
    const document: OpenDocument = {
      ...order,
      portalOrderId: undefined,
      documentType: type,
      documentNo: this.number(type),
      version: 1,
    };
    return this.upsert(document, status, { orderNo: order.documentNo, dueInDays, shipped: true });
  }

  private upsert(
    document: OpenDocument,
    status: string,
    extra: { orderNo?: string; dueInDays?: number; shipped?: boolean; invoiced?: boolean } = {},
  ): EventEnvelope<object> {
    const amount = document.lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0);
    return createEvent(DocumentUpserted, {
      tenantId: this.company.tenantId,
      producer: 'erp-simulator',
      correlationId: `${document.documentType}:${document.documentNo}`,
      eventId: this.random.uuid(),
      payload: {
        environment: this.company.environment,
        environmentType: this.company.environmentType,
        companyId: this.company.companyId,
        erpVersion: document.version,
        documentType: document.documentType,
        documentNo: document.documentNo,
        partnerType: document.partner.partnerType,
        partnerNo: document.partner.partnerNo,
        ...(document.contactNo ? { contactNo: document.contactNo } : {}),
        ...(document.portalOrderId ? { portalOrderId: document.portalOrderId } : {}),
        ...(extra.orderNo ? { orderNo: extra.orderNo } : {}),
        status,
        documentDate: document.date,
        ...(extra.dueInDays ? { dueDate: day((this.step % 330) + extra.dueInDays) } : {}),
        currencyCode: 'EUR',
        amount: money(amount),
        amountIncludingTax: money(amount * 1.21),
        lines: document.lines.map((l, i) => ({
          lineNo: (i + 1) * 10_000,
          itemNo: l.item.itemNo,
          description: l.item.description,
          quantity: String(l.quantity),
          unitCode: l.unitCode,
          unitPrice: money(l.unitPrice),
          lineAmount: money(l.quantity * l.unitPrice),
          ...(extra.shipped ? { quantityShipped: String(l.quantity) } : {}),
          ...(extra.invoiced ? { quantityInvoiced: String(l.quantity) } : {}),
        })),
      } as never,
    });
  }

  /** A 3PL customer's goods come in or go out: a warehouse document and the stock levels it changes. */
  private moveStock(): EventEnvelope<object>[] {
    const partner = this.random.pick(this.logistics);
    const inbound = this.random.chance(0.55);
    const item = this.random.pick(this.model.items);
    const location = this.random.pick(['MAIN', 'EAST', 'WEST']);
    const bin = `${this.random.pick(['A', 'B', 'C'])}-${String(this.random.int(1, 12)).padStart(2, '0')}`;
    const plate = `LP${String(this.random.int(1, 60)).padStart(5, '0')}`;
    const lot = `LOT-${2026}${String(this.random.int(1, 40)).padStart(3, '0')}`;
    const key = [partner.partnerNo, item.itemNo, location, bin, plate, lot].join('|');
    const level = this.stock.get(key) ?? { version: 0, quantity: 0 };
    const moved = inbound ? this.random.int(5, 50) : Math.min(level.quantity, this.random.int(1, 20));
    level.version += 1;
    level.quantity += inbound ? moved : -moved;
    this.stock.set(key, level);
    const type = inbound ? ErpDocumentType.WarehouseReceipt : ErpDocumentType.WarehouseShipment;
    const document: OpenDocument = {
      documentType: type,
      documentNo: this.number(type),
      partner,
      version: 1,
      lines: [{ item, unitCode: 'PCS', quantity: Math.max(moved, 1), unitPrice: 0 }],
      date: day(this.step % 330),
      stage: 'open',
    };
    return [
      this.upsert(document, 'Posted'),
      createEvent(StockLevelChanged, {
        tenantId: this.company.tenantId,
        producer: 'erp-simulator',
        correlationId: `stock:${key}`,
        eventId: this.random.uuid(),
        payload: {
          environment: this.company.environment,
          environmentType: this.company.environmentType,
          companyId: this.company.companyId,
          erpVersion: level.version,
          partnerNo: partner.partnerNo,
          itemNo: item.itemNo,
          description: item.description,
          locationCode: location,
          binCode: bin,
          licensePlate: plate,
          lotNo: lot,
          quantity: String(level.quantity),
          unitCode: 'PCS',
        } as never,
      }),
    ];
  }
}
