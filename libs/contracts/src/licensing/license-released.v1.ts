import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { LicenseReleaseReason } from '../common/enums';
import { IsEmailAddress } from '../common/field-rules';
import { defineEvent, tenantKey } from '../event-definition';
import { Topics } from '../topics';

/** A license went back to the pool because nothing holds it any more. */
export class LicenseReleasedV1 {
  @IsEmailAddress()
  holderKey!: string;

  @IsEnum(LicenseReleaseReason)
  reason!: LicenseReleaseReason;

  @IsOptional()
  @IsUUID()
  invitationId?: string;

  @IsOptional()
  @IsUUID()
  membershipId?: string;
}

export const LicenseReleased = defineEvent({
  type: 'LicenseReleased',
  version: 1,
  topic: Topics.LicensingEvents,
  payload: LicenseReleasedV1,
  key: tenantKey,
});
