import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ExtensionStatusChanged, type EventOf } from '@partner-portal/contracts';
import { OnEvent, type InboxContext } from '@partner-portal/messaging';
import { ExtensionStatusService } from './extension-status.service';

/** Follows the ERP extension's installation from `erp.masterdata`. */
@Controller()
export class ExtensionStatusConsumer {
  constructor(private readonly extensions: ExtensionStatusService) {}

  @OnEvent(ExtensionStatusChanged)
  async onExtensionStatusChanged(
    @Payload() event: EventOf<typeof ExtensionStatusChanged>,
    @Ctx() { manager }: InboxContext,
  ) {
    await this.extensions.record(manager, event);
  }
}
