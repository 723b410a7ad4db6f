import { IsEnum } from 'class-validator';
import { PartnerType } from '../common/enums';
import { ErpScopeV1 } from '../common/erp-scope';
import { IsErpCode } from '../common/field-rules';
import { defineEvent, partnerKey } from '../event-definition';
import { Topics } from '../topics';

/** A partner was deleted in the ERP. */
export class PartnerDeletedV1 extends ErpScopeV1 {
  @IsEnum(PartnerType)
  partnerType!: PartnerType;

  @IsErpCode()
  partnerNo!: string;
}

export const PartnerDeleted = defineEvent({
  type: 'PartnerDeleted',
  version: 1,
  topic: Topics.ErpMasterdata,
  payload: PartnerDeletedV1,
  key: partnerKey,
});
