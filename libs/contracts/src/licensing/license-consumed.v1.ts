import { IsUUID } from 'class-validator';
import { IsEmailAddress } from '../common/field-rules';
import { defineEvent, tenantKey } from '../event-definition';
import { Topics } from '../topics';

/** A held license became a portal user's license. */
export class LicenseConsumedV1 {
  @IsUUID()
  invitationId!: string;

  @IsEmailAddress()
  holderKey!: string;
}

export const LicenseConsumed = defineEvent({
  type: 'LicenseConsumed',
  version: 1,
  topic: Topics.LicensingEvents,
  payload: LicenseConsumedV1,
  key: tenantKey,
});
