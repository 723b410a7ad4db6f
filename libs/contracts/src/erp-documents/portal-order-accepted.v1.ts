import { IsUUID } from 'class-validator';
import { ErpScopeV1 } from '../common/erp-scope';
import { IsErpCode } from '../common/field-rules';
import { defineEvent, partnerKey } from '../event-definition';
import { Topics } from '../topics';

/** The ERP took a portal order and gave it an order number. */
export class PortalOrderAcceptedV1 extends ErpScopeV1 {
  @IsUUID()
  portalOrderId!: string;

  @IsErpCode()
  partnerNo!: string;

  /** The ERP's number for the order. */
  @IsErpCode()
  erpOrderNo!: string;
}

export const PortalOrderAccepted = defineEvent({
  type: 'PortalOrderAccepted',
  version: 1,
  topic: Topics.ErpDocuments,
  payload: PortalOrderAcceptedV1,
  key: partnerKey,
});
