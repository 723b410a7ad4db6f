import { IsEnum, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsErpCode, IsLanguageCode, PortalRole } from '@partner-portal/contracts';
import { InvitationStatus } from './invitations.requests';
import { PageQuery } from './paging';
import { ContactPortalStatus } from './partner-identity.responses';

/**
 * The ERP contacts of the representative's own partner, with their portal standing (issue 13: my colleagues).
 * The partner is the one of the membership the request acts through, never a parameter.
 */
export class ListColleagueContactsQuery extends PageQuery {
  /** Part of the contact's number, name or e-mail; case does not matter. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  search?: string;

  /** Only contacts with this standing, e.g. `not_invited` for those without access. */
  @IsOptional()
  @IsEnum(ContactPortalStatus)
  portalStatus?: ContactPortalStatus;
}

/**
 * A customer representative invites a contact of its own partner (environment, company and partner come from the
 * membership the request acts through). It takes a license of the tenant like an administrator's invitation.
 */
export class InviteColleagueRequest {
  @IsErpCode()
  contactNo!: string;

  /** `customer_representative` or `authorized_user`. */
  @IsEnum(PortalRole)
  role!: PortalRole;

  /** The e-mail's language; the contact's (then the partner's) language when absent. */
  @IsOptional()
  @IsLanguageCode()
  language?: string;
}

/** What the gateway passes on to the invitations service: the request and who invites, as the e-mail names them. */
export class PartnerInviteRequest extends InviteColleagueRequest {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  inviterName?: string;
}

/** The invitations of the representative's own partner, newest first. */
export class ListColleagueInvitationsQuery extends PageQuery {
  @IsOptional()
  @IsEnum(InvitationStatus)
  status?: InvitationStatus;

  /** Part of the contact's name, number or e-mail; case does not matter. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  search?: string;
}
