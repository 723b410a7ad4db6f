import { IsEnum, IsIn } from 'class-validator';
import { ErpAccessChange, PortalUserDeactivationReason } from '../common/enums';
import { defineEvent, tenantKey } from '../event-definition';
import { Topics } from '../topics';
import { PortalUserRefV1 } from './portal-user-ref';

/**
 * Version 2 of `PortalUserDeactivated`: the ERP itself ended the access without deleting anything (it blocked the
 * partner, switched its portal off, or no longer marks the contact as portal contact): reason `erp`, and `erpChange`
 * says which. A new version because consumers of version 1 validate `reason` against its four values. Partner-identity
 * publishes version 2 only for reason `erp`; every other deactivation stays version 1.
 */
export class PortalUserDeactivatedV2 extends PortalUserRefV1 {
  @IsIn([PortalUserDeactivationReason.Erp])
  reason!: PortalUserDeactivationReason.Erp;

  @IsEnum(ErpAccessChange)
  erpChange!: ErpAccessChange;
}

/** `PortalUserDeactivated` version 2 (see `PortalUserDeactivatedV2`). */
export const PortalUserDeactivatedVersion2 = defineEvent({
  type: 'PortalUserDeactivated',
  version: 2,
  topic: Topics.PartnerIdentityEvents,
  payload: PortalUserDeactivatedV2,
  key: tenantKey,
});
