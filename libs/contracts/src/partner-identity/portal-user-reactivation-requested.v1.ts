import { IsEnum, IsString, MaxLength } from 'class-validator';
import { PortalRole } from '../common/enums';
import { defineEvent, tenantKey } from '../event-definition';
import { Topics } from '../topics';
import { PortalUserRefV1 } from './portal-user-ref';

/**
 * Someone asked to give a deactivated portal user access again. The membership waits (`reactivating`) until
 * licensing answers: `ReactivationLicensed` activates it (`PortalUserActivated`), `ReactivationRefused` leaves it
 * deactivated. Access never comes back without a license.
 */
export class PortalUserReactivationRequestedV1 extends PortalUserRefV1 {
  @IsEnum(PortalRole)
  role!: PortalRole;

  /** Identity subject of the administrator or customer representative who asked. */
  @IsString()
  @MaxLength(255)
  requestedBy!: string;
}

export const PortalUserReactivationRequested = defineEvent({
  type: 'PortalUserReactivationRequested',
  version: 1,
  topic: Topics.PartnerIdentityEvents,
  payload: PortalUserReactivationRequestedV1,
  key: tenantKey,
});
