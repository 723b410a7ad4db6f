import { IsEnum, IsUUID } from 'class-validator';
import { PartnerType } from '../common/enums';
import { ErpLocationV1 } from '../common/erp-scope';
import { IsEmailAddress, IsErpCode } from '../common/field-rules';

/** What every invitation event carries: the invitation and whom it targets. */
export class InvitationTargetV1 extends ErpLocationV1 {
  @IsUUID()
  invitationId!: string;

  @IsEnum(PartnerType)
  partnerType!: PartnerType;

  @IsErpCode()
  partnerNo!: string;

  @IsErpCode()
  contactNo!: string;

  /** The invited contact's e-mail. */
  @IsEmailAddress()
  email!: string;
}
