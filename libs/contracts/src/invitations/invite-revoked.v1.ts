import { IsOptional } from 'class-validator';
import { ActorV1 } from '../common/actor';
import { NestedObject } from '../common/erp-scope';
import { IsText } from '../common/field-rules';
import { defineEvent, tenantKey } from '../event-definition';
import { Topics } from '../topics';
import { InvitationTargetV1 } from './invitation-target';

/** An open invitation was ended by an administrator or the ERP. */
export class InviteRevokedV1 extends InvitationTargetV1 {
  @NestedObject(() => ActorV1)
  revokedBy!: ActorV1;

  @IsOptional()
  @IsText(500)
  reason?: string;
}

export const InviteRevoked = defineEvent({
  type: 'InviteRevoked',
  version: 1,
  topic: Topics.InvitationsEvents,
  payload: InviteRevokedV1,
  key: tenantKey,
});
