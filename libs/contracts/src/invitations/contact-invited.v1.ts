import { IsEnum, IsInt, Min } from 'class-validator';
import { PortalRole } from '../common/enums';
import { IsUtcTimestamp } from '../common/field-rules';
import { defineEvent, tenantKey } from '../event-definition';
import { Topics } from '../topics';
import { InvitationTargetV1 } from './invitation-target';

/** The invitation e-mail went out (first time or resent). */
export class ContactInvitedV1 extends InvitationTargetV1 {
  @IsEnum(PortalRole)
  role!: PortalRole;

  /** When the link and the code stop working. */
  @IsUtcTimestamp()
  expiresAt!: string;

  /** How often the invitation was resent before this e-mail. */
  @IsInt()
  @Min(0)
  resendCount!: number;
}

export const ContactInvited = defineEvent({
  type: 'ContactInvited',
  version: 1,
  topic: Topics.InvitationsEvents,
  payload: ContactInvitedV1,
  key: tenantKey,
});
