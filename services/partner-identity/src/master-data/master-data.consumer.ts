import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  CompanyUpserted,
  ContactDeleted,
  ContactUpserted,
  PartnerDeleted,
  PartnerUpserted,
  type EventOf,
} from '@partner-portal/contracts';
import { OnEvent, type InboxContext } from '@partner-portal/messaging';
import { MasterDataService } from './master-data.service';

/** Mirrors `erp.masterdata` (companies, partners, contacts). Items, price lists and extension status are not ours. */
@Controller()
export class MasterDataConsumer {
  constructor(private readonly masterData: MasterDataService) {}

  @OnEvent(CompanyUpserted)
  async onCompanyUpserted(@Payload() event: EventOf<typeof CompanyUpserted>, @Ctx() { manager }: InboxContext) {
    await this.masterData.upsertCompany(manager, event);
  }

  @OnEvent(PartnerUpserted)
  async onPartnerUpserted(@Payload() event: EventOf<typeof PartnerUpserted>, @Ctx() { manager }: InboxContext) {
    await this.masterData.upsertPartner(manager, event);
  }

  @OnEvent(PartnerDeleted)
  async onPartnerDeleted(@Payload() event: EventOf<typeof PartnerDeleted>, @Ctx() { manager }: InboxContext) {
    await this.masterData.deletePartner(manager, event);
  }

  @OnEvent(ContactUpserted)
  async onContactUpserted(@Payload() event: EventOf<typeof ContactUpserted>, @Ctx() { manager }: InboxContext) {
    await this.masterData.upsertContact(manager, event);
  }

  @OnEvent(ContactDeleted)
  async onContactDeleted(@Payload() event: EventOf<typeof ContactDeleted>, @Ctx() { manager }: InboxContext) {
    await this.masterData.deleteContact(manager, event);
  }
}
