import { EnvironmentType, PartnerType, PortalRole } from '@partner-portal/contracts';

/** Languages the invitation templates exist in; anything else falls back to English. */
export const TEMPLATE_LANGUAGES = ['en', 'nl', 'de'] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];

/** The template language for a contact's language code (`nl-BE` -> `nl`, `fr` -> `en`). */
export function templateLanguage(languageCode: string | null | undefined): TemplateLanguage {
  const primary = (languageCode ?? '').slice(0, 2).toLowerCase();
  return (TEMPLATE_LANGUAGES as readonly string[]).includes(primary) ? (primary as TemplateLanguage) : 'en';
}

/** What an invitation e-mail says, before it is put into words by a template. */
export interface InvitationEmailFacts {
  contactName: string;
  inviterName: string;
  companyName: string;
  partnerName: string | null;
  environment: string;
  environmentType: EnvironmentType;
  partnerType: PartnerType;
  role: PortalRole;
  acceptUrl: string;
  portalUrl: string;
  /** The registration code as shown, e.g. `ABCDE-FGHJK`. */
  code: string;
  expiresAt: Date;
  language: TemplateLanguage;
}

/** The values the templates use: flags instead of comparisons, the expiry written for the reader's language. */
export function invitationEmailModel(facts: InvitationEmailFacts) {
  return {
    contactName: facts.contactName,
    inviterName: facts.inviterName,
    companyName: facts.companyName,
    partnerName: facts.partnerName,
    environment: facts.environment,
    sandbox: facts.environmentType === EnvironmentType.Sandbox,
    isCustomer: facts.partnerType === PartnerType.Customer,
    isVendor: facts.partnerType === PartnerType.Vendor,
    isThirdParty: facts.partnerType === PartnerType.ThirdPartyLogisticsCustomer,
    isRepresentative: facts.role === PortalRole.CustomerRepresentative,
    acceptUrl: facts.acceptUrl,
    portalUrl: facts.portalUrl,
    code: facts.code,
    expiresAt: `${new Intl.DateTimeFormat(facts.language, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(facts.expiresAt)} UTC`,
  };
}
