import { IsEnum, IsUUID } from 'class-validator';
import { LicenseReservationRejectionReason } from '../common/enums';
import { defineEvent, tenantKey } from '../event-definition';
import { Topics } from '../topics';

/**
 * Licensing could not hold a license for a portal user's reactivation: the membership stays deactivated. The
 * envelope's `causationId` is the `PortalUserReactivationRequested` it answers.
 */
export class ReactivationRefusedV1 {
  @IsUUID()
  membershipId!: string;

  @IsEnum(LicenseReservationRejectionReason)
  reason!: LicenseReservationRejectionReason;
}

export const ReactivationRefused = defineEvent({
  type: 'ReactivationRefused',
  version: 1,
  topic: Topics.LicensingEvents,
  payload: ReactivationRefusedV1,
  key: tenantKey,
});
