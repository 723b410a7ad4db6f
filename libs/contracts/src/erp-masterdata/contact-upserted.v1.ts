import { IsBoolean, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { PartnerType, PortalRole } from '../common/enums';
import { ErpScopeV1 } from '../common/erp-scope';
import { IsEmailAddress, IsErpCode, IsLanguageCode, IsText } from '../common/field-rules';
import { defineEvent, partnerKey } from '../event-definition';
import { Topics } from '../topics';

/** A contact person of a partner was created or changed in the ERP. */
export class ContactUpsertedV1 extends ErpScopeV1 {
  /** Type of the partner the contact belongs to. */
  @IsEnum(PartnerType)
  partnerType!: PartnerType;

  /** The partner the contact belongs to. */
  @IsErpCode()
  partnerNo!: string;

  /** The contact's number, e.g. `CT000123`. */
  @IsErpCode()
  contactNo!: string;

  /** The contact's full name. */
  @IsText(100)
  name!: string;

  /** The contact's e-mail; without one, the contact cannot be invited. */
  @IsOptional()
  @IsEmailAddress()
  email?: string;

  /** Phone number as typed in the ERP. */
  @IsOptional()
  @IsString()
  @MaxLength(30)
  phone?: string;

  /** The contact's language; the partner's applies when absent. */
  @IsOptional()
  @IsLanguageCode()
  languageCode?: string;

  /** Whether the ERP marks the contact as a portal contact (which may invite it automatically). */
  @IsBoolean()
  portalContact!: boolean;

  /** The portal role the ERP gives the contact. */
  @IsOptional()
  @IsEnum(PortalRole)
  portalRole?: PortalRole;
}

export const ContactUpserted = defineEvent({
  type: 'ContactUpserted',
  version: 1,
  topic: Topics.ErpMasterdata,
  payload: ContactUpsertedV1,
  key: partnerKey,
});
