import { waitFor } from '@partner-portal/testing';
import type { Portal } from './portal';

/** The ERP's master data is consumed asynchronously: an invitation right after the seed may find it not there yet. */
const MASTER_DATA_NOT_YET = new Set(['company_not_found', 'partner_not_found', 'contact_not_found']);

/** What a journey prepares through the API, so that its browser steps start where they matter. */
export function preparations(portal: Portal) {
  const admin = portal.api('ada');
  const tenant = `/api/admin/tenants/${portal.tenantId}`;
  const must = async (expected: number, answer: Promise<{ status: number; body: any }>) => {
    const { status, body } = await answer;
    if (status !== expected) throw new Error(`expected ${expected}, got ${status}: ${JSON.stringify(body)}`);
    return body;
  };
  return {
    admin,
    tenant,
    async buyLicenses(quantity: number) {
      await must(201, admin('POST', `${tenant}/cart/lines`, { quantity }));
      await must(
        201,
        admin('POST', `${tenant}/checkout`, undefined, { 'idempotency-key': `prep-${Date.now()}-${quantity}` }),
      );
    },
    /** Invites a demo person (or a seeded contact) for production CRONUS; resolves once the e-mail is there. */
    async invite(
      contact: { partnerType?: string; partnerNo: string; contactNo: string; email: string },
      role = 'authorized_user',
    ) {
      const since = Date.now();
      const request = () =>
        admin('POST', `${tenant}/invitations`, {
          environment: 'production',
          companyId: 'CRONUS',
          partnerType: contact.partnerType ?? 'customer',
          partnerNo: contact.partnerNo,
          contactNo: contact.contactNo,
          role,
        });
      const invitation = await must(
        201,
        waitFor(request, (answer) => !(answer.status === 404 && MASTER_DATA_NOT_YET.has(answer.body?.code)), {
          what: `the ERP's master data of contact ${contact.contactNo}`,
          timeoutMs: 30_000,
        }),
      );
      const mail = await portal.mailTo(contact.email, since);
      return {
        invitationId: invitation.invitationId as string,
        mail,
        link: portal.linkOf(mail),
        code: portal.codeOf(mail),
      };
    },
    invitePerson(username: string, role = 'authorized_user') {
      const person = portal.person(username);
      if (!person.contact) throw new Error(`${username} has no contact`);
      return this.invite({ ...person.contact, email: person.email }, role);
    },
    async accept(username: string, code: string) {
      await must(200, portal.api(username)('POST', '/api/portal/invitations/accept', { code }));
    },
    revoke: (invitationId: string) => must(200, admin('POST', `${tenant}/invitations/${invitationId}/revoke`, {})),
    resend: (invitationId: string) => must(200, admin('POST', `${tenant}/invitations/${invitationId}/resend`)),
    settings: (body: object) => must(200, admin('PUT', `${tenant}/invitation-settings`, body)),
  };
}
