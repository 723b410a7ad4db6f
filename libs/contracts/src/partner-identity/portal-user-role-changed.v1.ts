import { IsEnum, IsString, MaxLength } from 'class-validator';
import { PortalRole } from '../common/enums';
import { defineEvent, tenantKey } from '../event-definition';
import { Topics } from '../topics';
import { PortalUserRefV1 } from './portal-user-ref';

/** A membership's role changed. */
export class PortalUserRoleChangedV1 extends PortalUserRefV1 {
  @IsEnum(PortalRole)
  role!: PortalRole;

  @IsEnum(PortalRole)
  previousRole!: PortalRole;

  /** Identity subject of whoever changed it (an administrator or a customer representative). */
  @IsString()
  @MaxLength(255)
  changedBy!: string;
}

export const PortalUserRoleChanged = defineEvent({
  type: 'PortalUserRoleChanged',
  version: 1,
  topic: Topics.PartnerIdentityEvents,
  payload: PortalUserRoleChangedV1,
  key: tenantKey,
});
