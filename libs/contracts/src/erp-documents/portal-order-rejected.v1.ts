import { IsUUID } from 'class-validator';
import { ErpScopeV1 } from '../common/erp-scope';
import { IsErpCode, IsText } from '../common/field-rules';
import { defineEvent, partnerKey } from '../event-definition';
import { Topics } from '../topics';

/** The ERP could not take a portal order. */
export class PortalOrderRejectedV1 extends ErpScopeV1 {
  @IsUUID()
  portalOrderId!: string;

  @IsErpCode()
  partnerNo!: string;

  /** Why, in words a portal user can read. */
  @IsText(500)
  reason!: string;
}

export const PortalOrderRejected = defineEvent({
  type: 'PortalOrderRejected',
  version: 1,
  topic: Topics.ErpDocuments,
  payload: PortalOrderRejectedV1,
  key: partnerKey,
});
