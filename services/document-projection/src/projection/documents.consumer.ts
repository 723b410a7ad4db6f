import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  DocumentDeleted,
  DocumentUpserted,
  PortalOrderAccepted,
  PortalOrderRejected,
  StockLevelChanged,
  type EventOf,
} from '@partner-portal/contracts';
import { OnEvent, OnEventBatch, type InboxContext } from '@partner-portal/messaging';
import { DocumentProjector } from './document-projector';

/** Projects `erp.documents` in batches, and records the ERP's answers to portal orders. */
@Controller()
export class DocumentsConsumer {
  @OnEventBatch(DocumentUpserted)
  async onDocumentsUpserted(@Payload() events: EventOf<typeof DocumentUpserted>[], @Ctx() { manager }: InboxContext) {
    await new DocumentProjector(manager).upsertDocuments(events);
  }

  @OnEventBatch(DocumentDeleted)
  async onDocumentsDeleted(@Payload() events: EventOf<typeof DocumentDeleted>[], @Ctx() { manager }: InboxContext) {
    await new DocumentProjector(manager).deleteDocuments(events);
  }

  @OnEventBatch(StockLevelChanged)
  async onStockLevelsChanged(@Payload() events: EventOf<typeof StockLevelChanged>[], @Ctx() { manager }: InboxContext) {
    await new DocumentProjector(manager).upsertStock(events);
  }

  @OnEvent(PortalOrderAccepted)
  async onPortalOrderAccepted(@Payload() event: EventOf<typeof PortalOrderAccepted>, @Ctx() { manager }: InboxContext) {
    await manager.query(
      `UPDATE portal_order SET status = 'accepted', erp_order_no = $3, updated_at = now()
        WHERE tenant_id = $1 AND id = $2 AND status = 'submitted'`,
      [event.tenantId, event.payload.portalOrderId, event.payload.erpOrderNo],
    );
  }

  @OnEvent(PortalOrderRejected)
  async onPortalOrderRejected(@Payload() event: EventOf<typeof PortalOrderRejected>, @Ctx() { manager }: InboxContext) {
    await manager.query(
      `UPDATE portal_order SET status = 'rejected', rejection_reason = $3, updated_at = now()
        WHERE tenant_id = $1 AND id = $2 AND status = 'submitted'`,
      [event.tenantId, event.payload.portalOrderId, event.payload.reason],
    );
  }
}
