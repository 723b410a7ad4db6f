import { IsEnum } from 'class-validator';
import { PartnerType } from '../common/enums';
import { ErpScopeV1 } from '../common/erp-scope';
import { IsErpCode } from '../common/field-rules';
import { defineEvent, partnerKey } from '../event-definition';
import { Topics } from '../topics';

/** A contact person was deleted in the ERP. */
export class ContactDeletedV1 extends ErpScopeV1 {
  @IsEnum(PartnerType)
  partnerType!: PartnerType;

  @IsErpCode()
  partnerNo!: string;

  @IsErpCode()
  contactNo!: string;
}

export const ContactDeleted = defineEvent({
  type: 'ContactDeleted',
  version: 1,
  topic: Topics.ErpMasterdata,
  payload: ContactDeletedV1,
  key: partnerKey,
});
