import { IsBoolean, IsUUID } from 'class-validator';
import { IsEmailAddress } from '../common/field-rules';
import { defineEvent, tenantKey } from '../event-definition';
import { Topics } from '../topics';

/**
 * Licensing holds a license for a portal user's reactivation: the membership may become active. The envelope's
 * `causationId` is the `PortalUserReactivationRequested` it answers; an answer to an earlier request is stale.
 */
export class ReactivationLicensedV1 {
  @IsUUID()
  membershipId!: string;

  /** The normalized e-mail the license is counted by (one license per person per tenant). */
  @IsEmailAddress()
  holderKey!: string;

  /** True when the person already held a license (another seat or an open invitation), so none left the pool. */
  @IsBoolean()
  reused!: boolean;
}

export const ReactivationLicensed = defineEvent({
  type: 'ReactivationLicensed',
  version: 1,
  topic: Topics.LicensingEvents,
  payload: ReactivationLicensedV1,
  key: tenantKey,
});
