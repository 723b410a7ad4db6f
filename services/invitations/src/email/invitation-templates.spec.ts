import Handlebars from 'handlebars';
import { EnvironmentType, PartnerType, PortalRole } from '@partner-portal/contracts';
import { templateLanguage, TEMPLATE_LANGUAGES, type InvitationEmailFacts } from './invitation-email';
import { InvitationTemplates } from './invitation-templates';

const templates = new InvitationTemplates();
const facts: InvitationEmailFacts = {
  contactName: 'Anna de Vries',
  inviterName: 'Olga <Admin> & Co',
  companyName: 'CRONUS Nederland BV',
  partnerName: 'Fabrikam Retail',
  environment: 'production',
  environmentType: EnvironmentType.Production,
  partnerType: PartnerType.Customer,
  role: PortalRole.CustomerRepresentative,
  acceptUrl: 'https://portal.example/invitations/accept?token=abc',
  portalUrl: 'https://portal.example',
  code: 'ABCDE-FGHJK',
  expiresAt: new Date('2026-12-06T09:15:00Z'),
  language: 'en',
};

describe('the invitation templates', () => {
  it.each(
    TEMPLATE_LANGUAGES.flatMap((language) =>
      Object.values(PartnerType).map((partnerType) => [language, partnerType] as const),
    ),
  )(
    'render in %s for a %s with who invites, the company, the link, the code and the expiry',
    (language, partnerType) => {
      const email = templates.render({ ...facts, language, partnerType });
      for (const part of [email.html, email.text]) {
        expect(part).toContain('CRONUS Nederland BV');
        expect(part).toContain('Anna de Vries');
        expect(part).toContain('ABCDE-FGHJK');
        expect(part).toMatch(/2026/);
      }
      expect(email.text).toContain(facts.acceptUrl);
      // In HTML attributes Handlebars writes `=` as a character reference, which browsers read back as `=`.
      expect(email.html).toContain(`href="${Handlebars.escapeExpression(facts.acceptUrl)}"`);
      expect(email.subject).toContain('CRONUS Nederland BV');
      expect(email.subject).not.toContain('\n');
      expect(email.text).toContain('Olga <Admin> & Co');
      expect(email.html).toContain('Olga &lt;Admin&gt; &amp; Co');
    },
  );

  it("says what the portal shows for each partner type, in the partner's words", () => {
    const customer = templates.render({ ...facts, partnerType: PartnerType.Customer }).text;
    const vendor = templates.render({ ...facts, partnerType: PartnerType.Vendor }).text;
    const thirdParty = templates.render({ ...facts, partnerType: PartnerType.ThirdPartyLogisticsCustomer }).text;
    expect(customer).toContain('purchase orders, warehouse receipts');
    expect(vendor).toContain('the orders we place with you');
    expect(thirdParty).toContain('your stock by item, location, bin and license plate');
  });

  it('says plainly when the invitation is for a sandbox', () => {
    const sandbox = templates.render({
      ...facts,
      environmentType: EnvironmentType.Sandbox,
      environment: 'sandbox-test',
    });
    expect(sandbox.subject).toContain('(sandbox)');
    expect(sandbox.text).toContain('SANDBOX (test) environment, "sandbox-test"');
    expect(templates.render({ ...facts, language: 'nl', environmentType: EnvironmentType.Sandbox }).text).toContain(
      'SANDBOX-omgeving',
    );
    expect(templates.render({ ...facts, language: 'de', environmentType: EnvironmentType.Sandbox }).text).toContain(
      'SANDBOX-Umgebung',
    );
    expect(templates.render(facts).text).not.toMatch(/sandbox/i);
  });

  it("writes the expiry in the reader's language", () => {
    expect(templates.render({ ...facts, language: 'en' }).text).toContain('December 6, 2026');
    expect(templates.render({ ...facts, language: 'nl' }).text).toContain('6 december 2026');
    expect(templates.render({ ...facts, language: 'de' }).text).toContain('6. Dezember 2026');
  });

  it("chooses the template by the contact's language with English as fallback", () => {
    expect(templateLanguage('nl-BE')).toBe('nl');
    expect(templateLanguage('DE')).toBe('de');
    expect(templateLanguage('fr')).toBe('en');
    expect(templateLanguage(undefined)).toBe('en');
  });
});
