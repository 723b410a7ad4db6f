import { IsEnum } from 'class-validator';
import { ActorV2 } from '../common/actor';
import { PortalRole } from '../common/enums';
import { NestedObject } from '../common/erp-scope';
import { defineEvent, tenantKey } from '../event-definition';
import { Topics } from '../topics';
import { InvitationTargetV1 } from './invitation-target';

/**
 * Version 2 of `InvitationRequested`: the same fields, but `requestedBy` may also be a partner's customer
 * representative inviting a colleague of its own partner (`{ kind: 'partner', subject, membershipId }`). A new
 * version because consumers of version 1 validate `requestedBy.kind` as `admin` or `erp` only. The invitations
 * service publishes version 2 only for such requests; those of administrators and the ERP stay version 1.
 */
export class InvitationRequestedV2 extends InvitationTargetV1 {
  @IsEnum(PortalRole)
  role!: PortalRole;

  @NestedObject(() => ActorV2)
  requestedBy!: ActorV2;
}

/** `InvitationRequested` version 2 (see `InvitationRequestedV2`). */
export const InvitationRequestedVersion2 = defineEvent({
  type: 'InvitationRequested',
  version: 2,
  topic: Topics.InvitationsEvents,
  payload: InvitationRequestedV2,
  key: tenantKey,
});
