import { IsUtcTimestamp } from '../common/field-rules';
import { defineEvent, tenantKey } from '../event-definition';
import { Topics } from '../topics';
import { InvitationTargetV1 } from './invitation-target';

/** An open invitation passed its expiry unaccepted. */
export class InviteExpiredV1 extends InvitationTargetV1 {
  @IsUtcTimestamp()
  expiredAt!: string;
}

export const InviteExpired = defineEvent({
  type: 'InviteExpired',
  version: 1,
  topic: Topics.InvitationsEvents,
  payload: InviteExpiredV1,
  key: tenantKey,
});
