import { IsInt, Min } from 'class-validator';
import { IsText } from '../common/field-rules';
import { defineEvent, tenantKey } from '../event-definition';
import { Topics } from '../topics';
import { InvitationTargetV1 } from './invitation-target';

/** The invitation e-mail could not be delivered after the last retry. */
export class InvitationEmailFailedV1 extends InvitationTargetV1 {
  @IsInt()
  @Min(1)
  attempts!: number;

  /** The last error, as the mail transport gave it. */
  @IsText(1000)
  error!: string;
}

export const InvitationEmailFailed = defineEvent({
  type: 'InvitationEmailFailed',
  version: 1,
  topic: Topics.InvitationsEvents,
  payload: InvitationEmailFailedV1,
  key: tenantKey,
});
