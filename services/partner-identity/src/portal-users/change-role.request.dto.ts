import { IsEnum } from 'class-validator';
import { PortalRole } from '@partner-portal/contracts';

/** Body of a role change. */
export class ChangeRoleRequest {
  /** `customer_representative` or `authorized_user`. */
  @IsEnum(PortalRole)
  role!: PortalRole;
}
