import { IsBoolean, IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, Min } from 'class-validator';
import {
  ActorV2,
  EnvironmentType,
  IsUtcTimestamp,
  LicenseReservationRejectionReason,
  NestedObject,
  PartnerType,
  PortalRole,
} from '@partner-portal/contracts';
import { InvitationStatus } from './invitations.requests';
import { NestedArray, Nullable, PageResponse } from './response-rules';
import { PartnerPlaceResponse } from './partner-place.responses';

/**
 * Who asked for an invitation: an administrator (`subject`), the ERP (`kind: erp`, no subject) or a partner's
 * customer representative inviting a colleague (`kind: partner`, `subject`, `membershipId`; issue 13).
 */
export class InvitationRequesterResponse extends ActorV2 {}

/** An invitation as administrators follow it. */
export class InvitationResponse extends PartnerPlaceResponse {
  @IsUUID()
  invitationId!: string;

  /** From the ERP mirror; null when the mirror no longer knows the company. */
  @Nullable()
  @IsString()
  companyName!: string | null;

  /** From the ERP mirror; null when the mirror no longer knows the partner. */
  @Nullable()
  @IsString()
  partnerName!: string | null;

  @IsString()
  contactNo!: string;

  @IsString()
  contactName!: string;

  /** The invited address (lower case). */
  @IsString()
  email!: string;

  @IsEnum(PortalRole)
  role!: PortalRole;

  /** The e-mail's language: `en`, `nl` or `de`. */
  @IsString()
  language!: string;

  @IsEnum(InvitationStatus)
  status!: InvitationStatus;

  /** Why licensing refused to hold a license (status `rejected`). */
  @Nullable()
  @IsEnum(LicenseReservationRejectionReason)
  rejectionReason!: LicenseReservationRejectionReason | null;

  @NestedObject(() => InvitationRequesterResponse)
  requestedBy!: InvitationRequesterResponse;

  /** When the first e-mail was queued; null while no license is held. */
  @Nullable()
  @IsUtcTimestamp()
  invitedAt!: string | null;

  @Nullable()
  @IsUtcTimestamp()
  acceptedAt!: string | null;

  /** Null until the invitation is sent. */
  @Nullable()
  @IsUtcTimestamp()
  expiresAt!: string | null;

  @IsInt()
  @Min(0)
  resendCount!: number;

  /** Locked after too many wrong registration codes, until it is resent. */
  @IsBoolean()
  locked!: boolean;

  /** Whether the accepting sign-in's e-mail was the invited one; null until accepted. */
  @Nullable()
  @IsBoolean()
  emailMatched!: boolean | null;

  @IsUtcTimestamp()
  createdAt!: string;
}

/** A page of invitations. */
export class InvitationPage extends PageResponse {
  @NestedArray(() => InvitationResponse)
  items!: InvitationResponse[];
}

/** What became of one contact of a bulk invitation. */
export const BULK_INVITE_OUTCOMES = ['created', 'would_create', 'refused'] as const;
/** `created`, `would_create` (a dry run) or `refused`. */
export type BulkInviteOutcome = (typeof BULK_INVITE_OUTCOMES)[number];

/**
 * The result of one contact of a bulk invitation, in request order (`index`). `created` carries the invitation;
 * `would_create` (only in a dry run) nothing more; `refused` the HTTP status a single invitation would have got, the
 * stable `code` (as a single invitation's problem, or `duplicate_in_request`), the `detail`, and
 * `existingInvitationId` for `invitation_open`.
 */
export class BulkInviteResultResponse {
  /** The position of the contact in the request's `invitations`, from 0. */
  @IsInt()
  @Min(0)
  index!: number;

  @IsIn(BULK_INVITE_OUTCOMES)
  outcome!: BulkInviteOutcome;

  /** `created` only. */
  @IsOptional()
  @NestedObject(() => InvitationResponse)
  invitation?: InvitationResponse;

  /** `refused` only: 404, 409 or 422. */
  @IsOptional()
  @IsInt()
  @Min(400)
  @Max(599)
  status?: number;

  /** `refused` only: e.g. `contact_without_email`, `invitation_open`, `already_portal_user`. */
  @IsOptional()
  @IsString()
  code?: string;

  /** `refused` only: why, in words. */
  @IsOptional()
  @IsString()
  detail?: string;

  /** `refused` with `invitation_open`: the contact's open invitation. */
  @IsOptional()
  @IsUUID()
  existingInvitationId?: string;

  /** `refused` with `email_held_by_other_contact`: the contact whose license the address holds, `name (partner / contact)`. */
  @IsOptional()
  @IsString()
  otherContact?: string;
}

/** One result per contact of a bulk invitation; a dry run writes nothing and says how many licenses it would take. */
export class BulkInviteResponse {
  /** Whether this was only a check (the request's `dryRun`): nothing was written or sent. (Issue 12: bulk dry run.) */
  @IsBoolean()
  dryRun!: boolean;

  /**
   * Licenses the created (in a dry run: the would-be-created) invitations newly take; a person who already holds a
   * license of the tenant takes none. (Issue 12: bulk dry run.)
   */
  @IsInt()
  @Min(0)
  licensesNeeded!: number;

  @NestedArray(() => BulkInviteResultResponse)
  results!: BulkInviteResultResponse[];
}

/** A tenant's invitation settings. */
export class InvitationSettingsResponse {
  /** How long an invitation stays valid after it is sent, in hours. */
  @IsInt()
  @Min(1)
  invitationTtlHours!: number;

  /** Whether the signed-in e-mail must equal the invited one to accept. */
  @IsBoolean()
  requireEmailMatch!: boolean;

  /** Whether a contact the ERP marks as portal contact is invited automatically. */
  @IsBoolean()
  autoInvite!: boolean;
}

/** What a person about to accept may see, before signing in: who invites, where, as what, until when; nothing personal. */
export class InvitationPreviewResponse {
  /** The company's name, or its id when the mirror does not know its name. */
  @IsString()
  companyName!: string;

  @IsString()
  environment!: string;

  @IsEnum(EnvironmentType)
  environmentType!: EnvironmentType;

  @IsEnum(PortalRole)
  role!: PortalRole;

  @IsUtcTimestamp()
  expiresAt!: string;

  /** Who invites, as the e-mail names them. (Issue 12: the invitation page shows who invites.) */
  @IsString()
  inviterName!: string;

  /** The kind of partner the person is invited for. (Issue 12: the invitation page.) */
  @IsEnum(PartnerType)
  partnerType!: PartnerType;

  /** The partner's name; null when the mirror does not know it (any more). (Issue 12: the invitation page.) */
  @Nullable()
  @IsString()
  partnerName!: string | null;
}

/** The invitation the signed-in person just accepted; the portal access follows within moments. */
export class AcceptedInvitationResponse extends PartnerPlaceResponse {
  @IsUUID()
  invitationId!: string;

  @Nullable()
  @IsString()
  companyName!: string | null;

  @Nullable()
  @IsString()
  partnerName!: string | null;

  @IsEnum(PortalRole)
  role!: PortalRole;

  /** Whether the signed-in e-mail was the invited one. */
  @IsBoolean()
  emailMatched!: boolean;
}
