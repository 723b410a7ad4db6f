import { IsEnum, IsUUID } from 'class-validator';
import { LicenseReservationRejectionReason } from '../common/enums';
import { defineEvent, tenantKey } from '../event-definition';
import { Topics } from '../topics';

/** Licensing could not hold a license for an invitation. */
export class LicenseReservationRejectedV1 {
  @IsUUID()
  invitationId!: string;

  @IsEnum(LicenseReservationRejectionReason)
  reason!: LicenseReservationRejectionReason;
}

export const LicenseReservationRejected = defineEvent({
  type: 'LicenseReservationRejected',
  version: 1,
  topic: Topics.LicensingEvents,
  payload: LicenseReservationRejectedV1,
  key: tenantKey,
});
