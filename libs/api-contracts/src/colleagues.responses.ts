import { IsEnum, IsIn, IsString, IsUUID } from 'class-validator';
import { IsUtcTimestamp, LicenseReservationRejectionReason, PortalRole } from '@partner-portal/contracts';
import { InvitationStatus } from './invitations.requests';
import { NestedArray, Nullable, PageResponse } from './response-rules';

/** Who asked for an invitation, without naming the person: an administrator, the ERP or a representative. */
export const INVITATION_REQUESTER_KINDS = ['admin', 'erp', 'partner'] as const;
/** `admin`, `erp` or `partner`. */
export type InvitationRequesterKind = (typeof INVITATION_REQUESTER_KINDS)[number];

/**
 * An invitation of a colleague as the partner's representatives follow it: whom, as what, where it stands and, when
 * licensing refused it, why (`rejectionReason` `no_license_available`: the company's administrator must add
 * licenses). Nothing about the tenant's administrators.
 */
export class ColleagueInvitationResponse {
  @IsUUID()
  invitationId!: string;

  @IsString()
  contactNo!: string;

  @IsString()
  contactName!: string;

  /** The invited address (lower case). */
  @IsString()
  email!: string;

  @IsEnum(PortalRole)
  role!: PortalRole;

  @IsEnum(InvitationStatus)
  status!: InvitationStatus;

  /** Why licensing refused to hold a license (status `rejected`). */
  @Nullable()
  @IsEnum(LicenseReservationRejectionReason)
  rejectionReason!: LicenseReservationRejectionReason | null;

  /** Who asked: `admin` (the company), `erp` (the ERP marked the contact) or `partner` (a representative). */
  @IsIn(INVITATION_REQUESTER_KINDS)
  requestedBy!: InvitationRequesterKind;

  /** When the e-mail was first queued; null while no license is held. */
  @Nullable()
  @IsUtcTimestamp()
  invitedAt!: string | null;

  /** Null until the invitation is sent. */
  @Nullable()
  @IsUtcTimestamp()
  expiresAt!: string | null;

  @Nullable()
  @IsUtcTimestamp()
  acceptedAt!: string | null;

  @IsUtcTimestamp()
  createdAt!: string;
}

/** A page of a partner's invitations. */
export class ColleagueInvitationPage extends PageResponse {
  @NestedArray(() => ColleagueInvitationResponse)
  items!: ColleagueInvitationResponse[];
}
