import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PortalUserDeactivationReason, type PortalUserDeactivationReasonV1 } from '../common/enums';
import { defineEvent, tenantKey } from '../event-definition';
import { Topics } from '../topics';
import { PortalUserRefV1 } from './portal-user-ref';

const REASONS_V1: readonly PortalUserDeactivationReasonV1[] = [
  PortalUserDeactivationReason.ContactDeleted,
  PortalUserDeactivationReason.PartnerDeleted,
  PortalUserDeactivationReason.Admin,
  PortalUserDeactivationReason.PartnerAdmin,
];

/** A membership lost access. */
export class PortalUserDeactivatedV1 extends PortalUserRefV1 {
  @IsIn(REASONS_V1)
  reason!: PortalUserDeactivationReasonV1;

  /** Identity subject of whoever deactivated it; absent when the ERP's deletion caused it. */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  changedBy?: string;
}

export const PortalUserDeactivated = defineEvent({
  type: 'PortalUserDeactivated',
  version: 1,
  topic: Topics.PartnerIdentityEvents,
  payload: PortalUserDeactivatedV1,
  key: tenantKey,
});
