import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { EnvironmentType, PartnerType, PortalRole, PortalUserDeactivationReason } from '@partner-portal/contracts';
import type { MembershipStatus } from './membership-rules';
import { PortalUser } from './portal-user.entity';

/** A portal user's access to one partner (as one contact) in one tenant, environment and company. */
@Entity({ name: 'membership' })
export class Membership {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'portal_user_id', type: 'uuid' })
  portalUserId!: string;

  @ManyToOne(() => PortalUser)
  @JoinColumn({ name: 'portal_user_id' })
  portalUser?: Relation<PortalUser>;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ type: 'text' })
  environment!: string;

  @Column({ name: 'environment_type', type: 'text' })
  environmentType!: EnvironmentType;

  @Column({ name: 'company_id', type: 'text' })
  companyId!: string;

  @Column({ name: 'partner_type', type: 'text' })
  partnerType!: PartnerType;

  @Column({ name: 'partner_no', type: 'text' })
  partnerNo!: string;

  @Column({ name: 'contact_no', type: 'text' })
  contactNo!: string;

  /** The invited contact's e-mail. */
  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  role!: PortalRole;

  @Column({ type: 'text' })
  status!: MembershipStatus;

  @Column({ name: 'deactivation_reason', type: 'text', nullable: true })
  deactivationReason!: PortalUserDeactivationReason | null;

  /** The invitation whose acceptance created or last re-created this membership. */
  @Column({ name: 'invitation_id', type: 'uuid', nullable: true })
  invitationId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
