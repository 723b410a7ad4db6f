import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { PortalUserDeactivationReason } from '../common/enums';
import { defineEvent, tenantKey } from '../event-definition';
import { Topics } from '../topics';
import { PortalUserRefV1 } from './portal-user-ref';

/** A membership lost access. */
export class PortalUserDeactivatedV1 extends PortalUserRefV1 {
  @IsEnum(PortalUserDeactivationReason)
  reason!: PortalUserDeactivationReason;

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
