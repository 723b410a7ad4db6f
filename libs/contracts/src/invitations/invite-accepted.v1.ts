import { IsBoolean, IsEnum } from 'class-validator';
import { PortalRole } from '../common/enums';
import { NestedObject } from '../common/erp-scope';
import { IsUtcTimestamp } from '../common/field-rules';
import { SignedInIdentityV1 } from '../common/identity';
import { defineEvent, tenantKey } from '../event-definition';
import { Topics } from '../topics';
import { InvitationTargetV1 } from './invitation-target';

/** The contact signed in and accepted; it becomes a portal user. */
export class InviteAcceptedV1 extends InvitationTargetV1 {
  @IsEnum(PortalRole)
  role!: PortalRole;

  @NestedObject(() => SignedInIdentityV1)
  identity!: SignedInIdentityV1;

  @IsUtcTimestamp()
  acceptedAt!: string;

  /** Whether the signed-in e-mail equals the invited one. */
  @IsBoolean()
  emailMatched!: boolean;
}

export const InviteAccepted = defineEvent({
  type: 'InviteAccepted',
  version: 1,
  topic: Topics.InvitationsEvents,
  payload: InviteAcceptedV1,
  key: tenantKey,
});
