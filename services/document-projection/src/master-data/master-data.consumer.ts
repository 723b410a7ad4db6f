import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  CompanyUpserted,
  ContactDeleted,
  ContactUpserted,
  ItemUpserted,
  PartnerDeleted,
  PartnerUpserted,
  PriceListUpserted,
  type EventOf,
} from '@partner-portal/contracts';
import { ErpMirror } from '@partner-portal/erp-mirror';
import { OnEvent, type InboxContext } from '@partner-portal/messaging';

/** What portal orders need from `erp.masterdata`: companies, partners and contacts (defaults), items and price lists. */
@Controller()
export class MasterDataConsumer {
  /** The company's name, which the order wizard shows among the defaults. */
  @OnEvent(CompanyUpserted)
  async onCompanyUpserted(@Payload() event: EventOf<typeof CompanyUpserted>, @Ctx() { manager }: InboxContext) {
    await new ErpMirror(manager).upsertCompany(event);
  }

  @OnEvent(PartnerUpserted)
  async onPartnerUpserted(@Payload() event: EventOf<typeof PartnerUpserted>, @Ctx() { manager }: InboxContext) {
    await new ErpMirror(manager).upsertPartner(event);
  }

  @OnEvent(PartnerDeleted)
  async onPartnerDeleted(@Payload() event: EventOf<typeof PartnerDeleted>, @Ctx() { manager }: InboxContext) {
    await new ErpMirror(manager).deletePartner(event);
  }

  @OnEvent(ContactUpserted)
  async onContactUpserted(@Payload() event: EventOf<typeof ContactUpserted>, @Ctx() { manager }: InboxContext) {
    await new ErpMirror(manager).upsertContact(event);
  }

  @OnEvent(ContactDeleted)
  async onContactDeleted(@Payload() event: EventOf<typeof ContactDeleted>, @Ctx() { manager }: InboxContext) {
    await new ErpMirror(manager).deleteContact(event);
  }

  @OnEvent(ItemUpserted)
  async onItemUpserted(@Payload() event: EventOf<typeof ItemUpserted>, @Ctx() { manager }: InboxContext) {
    const p = event.payload;
    await manager.query(
      `INSERT INTO item (tenant_id, environment, company_id, item_no, description, base_unit_code, units, blocked, erp_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (tenant_id, environment, company_id, item_no) DO UPDATE SET description = EXCLUDED.description,
         base_unit_code = EXCLUDED.base_unit_code, units = EXCLUDED.units, blocked = EXCLUDED.blocked, erp_version = EXCLUDED.erp_version
       WHERE item.erp_version < EXCLUDED.erp_version`,
      [
        event.tenantId,
        p.environment,
        p.companyId,
        p.itemNo,
        p.description,
        p.baseUnitCode,
        JSON.stringify(p.units),
        p.blocked,
        p.erpVersion,
      ],
    );
  }

  @OnEvent(PriceListUpserted)
  async onPriceListUpserted(@Payload() event: EventOf<typeof PriceListUpserted>, @Ctx() { manager }: InboxContext) {
    const p = event.payload;
    await manager.query(
      `INSERT INTO price_list (tenant_id, environment, company_id, price_list_code, currency_code, lines, erp_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (tenant_id, environment, company_id, price_list_code) DO UPDATE SET currency_code = EXCLUDED.currency_code,
         lines = EXCLUDED.lines, erp_version = EXCLUDED.erp_version
       WHERE price_list.erp_version < EXCLUDED.erp_version`,
      [
        event.tenantId,
        p.environment,
        p.companyId,
        p.priceListCode,
        p.currencyCode,
        JSON.stringify(p.lines),
        p.erpVersion,
      ],
    );
  }
}
