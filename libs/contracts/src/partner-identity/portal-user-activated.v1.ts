import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { PortalRole } from '../common/enums';
import { NestedObject } from '../common/erp-scope';
import { ExternalIdentityRefV1 } from '../common/identity';
import { defineEvent, tenantKey } from '../event-definition';
import { Topics } from '../topics';
import { PortalUserRefV1 } from './portal-user-ref';

/** A membership became active: after an accepted invitation, or reactivated. */
export class PortalUserActivatedV1 extends PortalUserRefV1 {
  @IsEnum(PortalRole)
  role!: PortalRole;

  @NestedObject(() => ExternalIdentityRefV1)
  identity!: ExternalIdentityRefV1;

  /** The accepted invitation, when activation came from one. */
  @IsOptional()
  @IsUUID()
  invitationId?: string;
}

export const PortalUserActivated = defineEvent({
  type: 'PortalUserActivated',
  version: 1,
  topic: Topics.PartnerIdentityEvents,
  payload: PortalUserActivatedV1,
  key: tenantKey,
});
