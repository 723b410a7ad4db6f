import { IsEnum } from 'class-validator';
import { ActorV1 } from '../common/actor';
import { PortalRole } from '../common/enums';
import { NestedObject } from '../common/erp-scope';
import { defineEvent, tenantKey } from '../event-definition';
import { Topics } from '../topics';
import { InvitationTargetV1 } from './invitation-target';

/** An administrator or the ERP asked to invite a contact; licensing answers with a hold or a refusal. */
export class InvitationRequestedV1 extends InvitationTargetV1 {
  @IsEnum(PortalRole)
  role!: PortalRole;

  @NestedObject(() => ActorV1)
  requestedBy!: ActorV1;
}

export const InvitationRequested = defineEvent({
  type: 'InvitationRequested',
  version: 1,
  topic: Topics.InvitationsEvents,
  payload: InvitationRequestedV1,
  key: tenantKey,
});
