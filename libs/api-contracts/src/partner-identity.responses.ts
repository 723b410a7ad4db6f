import { IsBoolean, IsEnum, IsInt, IsString, IsUUID, Min } from 'class-validator';
import {
  EnvironmentType,
  IsUtcTimestamp,
  LicenseReservationRejectionReason,
  PartnerType,
  PortalRole,
  PortalUserDeactivationReason,
} from '@partner-portal/contracts';
import { MembershipStatus } from './partner-identity.requests';
import { NestedArray, Nullable, PageResponse } from './response-rules';
import { PartnerPlaceResponse } from './partner-place.responses';

/** A contact's standing in the portal, as an administrator browsing the ERP's contacts sees it. */
export enum ContactPortalStatus {
  NotInvited = 'not_invited',
  Invited = 'invited',
  PortalUser = 'portal_user',
  Deactivated = 'deactivated',
}

/** An ERP environment of a tenant (production or a sandbox) with its number of companies. */
export class EnvironmentResponse {
  @IsString()
  environment!: string;

  @IsEnum(EnvironmentType)
  environmentType!: EnvironmentType;

  @IsInt()
  @Min(0)
  companies!: number;
}

/** A company (legal entity) of an environment. */
export class CompanyResponse {
  @IsString()
  companyId!: string;

  @IsString()
  name!: string;

  @Nullable()
  @IsString()
  displayName!: string | null;
}

/** A customer, vendor or 3PL customer of a company, with its contacts and portal users counted. */
export class PartnerResponse {
  @IsEnum(PartnerType)
  partnerType!: PartnerType;

  @IsString()
  partnerNo!: string;

  @IsString()
  name!: string;

  @Nullable()
  @IsString()
  email!: string | null;

  /** Whether the ERP lets its contacts be invited. */
  @IsBoolean()
  portalEnabled!: boolean;

  @IsBoolean()
  blocked!: boolean;

  @IsInt()
  @Min(0)
  contacts!: number;

  /** Active portal users. */
  @IsInt()
  @Min(0)
  portalUsers!: number;
}

/** A page of partners. */
export class PartnerPage extends PageResponse {
  @NestedArray(() => PartnerResponse)
  items!: PartnerResponse[];
}

/** A contact of a partner with its portal standing. */
export class ContactResponse {
  @IsString()
  contactNo!: string;

  @IsString()
  name!: string;

  /** Without one the contact cannot be invited. */
  @Nullable()
  @IsString()
  email!: string | null;

  @Nullable()
  @IsString()
  languageCode!: string | null;

  /** Whether the ERP marks the contact as a portal contact. */
  @IsBoolean()
  portalContact!: boolean;

  /** The role the ERP gives the portal contact. */
  @Nullable()
  @IsEnum(PortalRole)
  erpPortalRole!: PortalRole | null;

  @IsEnum(ContactPortalStatus)
  portalStatus!: ContactPortalStatus;

  /** The contact's membership, active or deactivated. */
  @Nullable()
  @IsUUID()
  membershipId!: string | null;

  /** The membership's role. */
  @Nullable()
  @IsEnum(PortalRole)
  role!: PortalRole | null;
}

/** A page of contacts. */
export class ContactPage extends PageResponse {
  @NestedArray(() => ContactResponse)
  items!: ContactResponse[];
}

/** A portal user within one partner (one membership). */
export class PortalUserResponse extends PartnerPlaceResponse {
  @IsUUID()
  membershipId!: string;

  /** The person, across memberships. */
  @IsUUID()
  portalUserId!: string;

  @IsString()
  contactNo!: string;

  /** The invited contact's e-mail. */
  @IsString()
  email!: string;

  /** The name the identity provider gives the person. */
  @Nullable()
  @IsString()
  displayName!: string | null;

  /** The e-mail the person signed in with. */
  @IsString()
  signInEmail!: string;

  @IsEnum(PortalRole)
  role!: PortalRole;

  @IsEnum(MembershipStatus)
  status!: MembershipStatus;

  @Nullable()
  @IsEnum(PortalUserDeactivationReason)
  deactivationReason!: PortalUserDeactivationReason | null;

  /** Why licensing refused the last reactivation (none since it was deactivated anew or reactivated). */
  @Nullable()
  @IsEnum(LicenseReservationRejectionReason)
  reactivationRefusal!: LicenseReservationRejectionReason | null;

  @IsUtcTimestamp()
  createdAt!: string;

  @IsUtcTimestamp()
  updatedAt!: string;
}

/** A page of portal users. */
export class PortalUserPage extends PageResponse {
  @NestedArray(() => PortalUserResponse)
  items!: PortalUserResponse[];
}

/** An identity on the tenant's administrator list. */
export class AdministratorResponse {
  @IsString()
  issuer!: string;

  @IsString()
  subject!: string;

  @IsUtcTimestamp()
  addedAt!: string;
}

/** A connector key as administrators see it: never the key itself, except once when it is created. */
export class ConnectorKeyResponse {
  @IsUUID()
  id!: string;

  @IsString()
  label!: string;

  /** The key's first characters, to tell keys apart. */
  @IsString()
  keyPrefix!: string;

  /** The identity subject of the administrator who created it. */
  @IsString()
  createdBy!: string;

  @IsUtcTimestamp()
  createdAt!: string;

  @Nullable()
  @IsUtcTimestamp()
  revokedAt!: string | null;

  /** The key that replaced this one (rotation). */
  @Nullable()
  @IsUUID()
  replacedBy!: string | null;

  /** A replaced key works until then (the rotation's grace); null for a key that was not replaced. */
  @Nullable()
  @IsUtcTimestamp()
  expiresAt!: string | null;
}

/** A new connector key: `key` is shown this once and never again. */
export class CreatedConnectorKeyResponse extends ConnectorKeyResponse {
  /** `ppck_...`: send it as `Authorization: ApiKey <key>`. */
  @IsString()
  key!: string;
}

/** A page of the tenant's connector keys, newest first (`page`, `pageSize`, `total`: docs/gateway.md, "Paging"). */
export class ConnectorKeyListResponse extends PageResponse {
  @NestedArray(() => ConnectorKeyResponse)
  items!: ConnectorKeyResponse[];
}

/** The tenant a connector key publishes for. */
export class ConnectorIdentityResponse {
  @IsString()
  tenantId!: string;

  @IsUUID()
  keyId!: string;
}
