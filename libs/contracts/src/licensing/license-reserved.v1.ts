import { IsBoolean, IsUUID } from 'class-validator';
import { IsEmailAddress } from '../common/field-rules';
import { defineEvent, tenantKey } from '../event-definition';
import { Topics } from '../topics';

/** Licensing holds a license for an invitation. */
export class LicenseReservedV1 {
  @IsUUID()
  invitationId!: string;

  /** The normalized e-mail the license is counted by (one license per person per tenant). */
  @IsEmailAddress()
  holderKey!: string;

  /** True when this person already held a license, so none was taken from the pool. */
  @IsBoolean()
  reused!: boolean;
}

export const LicenseReserved = defineEvent({
  type: 'LicenseReserved',
  version: 1,
  topic: Topics.LicensingEvents,
  payload: LicenseReservedV1,
  key: tenantKey,
});
