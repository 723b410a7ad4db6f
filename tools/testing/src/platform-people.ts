import { ErpDocumentType, PartnerType, PortalRole, Topics, type EventEnvelope } from '@partner-portal/contracts';
import {
  companyUpserted,
  contactUpserted,
  documentUpserted,
  extensionStatusChanged,
  invitationTarget,
  inviteAccepted,
  itemUpserted,
  partnerUpserted,
  priceListUpserted,
  type ErpPlace,
} from './fixtures/platform-events';
import type { RunningPlatform } from './platform';
import { TEST_OPERATOR_TOKEN } from './service-under-test';
import { signIn, testAccount, type TestAccount } from './sign-in';
import { readTopic } from './topic-reader';
import { waitFor } from './waiting';

/** The people of a whole-platform test (gateway, browser, fault suite): an administrator of `tenant` and contacts of its customer C10000 and others. */
export function people(tenant: string) {
  const at = (username: string, domain: string) => testAccount(username, { email: `${username}@${domain}` });
  return {
    admin: testAccount(`admin-${tenant}`, { roles: ['PartnerPortal.Administrator'], tenants: [tenant] }),
    rita: at('rita', 'fabrikam.example'),
    aaron: at('aaron', 'fabrikam.example'),
    alice: at('alice', 'fabrikam.example'),
    uma: at('uma', 'fabrikam.example'),
    victor: at('victor', 'contoso.example'),
    theo: at('theo', 'northwind.example'),
  } satisfies Record<string, TestAccount>;
}

/** A contact in the ERP for each person but the administrator; partners C10000 (customer), V10000, L10000. */
export const CONTACTS = {
  rita: { partnerType: PartnerType.Customer, partnerNo: 'C10000', contactNo: 'CT-RITA' },
  aaron: { partnerType: PartnerType.Customer, partnerNo: 'C10000', contactNo: 'CT-AARON' },
  alice: { partnerType: PartnerType.Customer, partnerNo: 'C10000', contactNo: 'CT-ALICE' },
  uma: { partnerType: PartnerType.Customer, partnerNo: 'C10000', contactNo: 'CT-UMA' },
  victor: { partnerType: PartnerType.Vendor, partnerNo: 'V10000', contactNo: 'CT-VICTOR' },
  theo: { partnerType: PartnerType.ThirdPartyLogisticsCustomer, partnerNo: 'L10000', contactNo: 'CT-THEO' },
} as const;

/** The ERP master data of a tenant: what a connector sends before anyone is invited. */
export function masterData(place: ErpPlace, accounts: ReturnType<typeof people>): EventEnvelope<object>[] {
  return [
    extensionStatusChanged(place),
    companyUpserted(place, 'CRONUS Nederland BV'),
    partnerUpserted(place, { partnerNo: 'C10000', name: 'Fabrikam Retail', priceListCode: 'RETAIL' }),
    partnerUpserted(place, { partnerNo: 'V10000', name: 'Contoso Supplies', partnerType: PartnerType.Vendor }),
    partnerUpserted(place, {
      partnerNo: 'L10000',
      name: 'Northwind Logistics',
      partnerType: PartnerType.ThirdPartyLogisticsCustomer,
    }),
    ...Object.entries(CONTACTS).map(([name, contact]) =>
      contactUpserted(place, { ...contact, name, email: accounts[name as keyof typeof CONTACTS].email }),
    ),
    itemUpserted(place, 'DESK', ['PCS']),
    priceListUpserted(place, 'RETAIL', [{ itemNo: 'DESK', unitCode: 'PCS', unitPrice: '649.00' }]),
  ];
}

/** A sales order of C10000 in the ERP, as a connector publishes it. */
export function salesOrder(place: ErpPlace, documentNo: string, extra: object = {}) {
  return documentUpserted(place, {
    documentNo,
    documentType: ErpDocumentType.SalesOrder,
    partnerNo: 'C10000',
    ...extra,
  });
}

/** Signs a person in through the test provider and returns the access token. */
export async function tokenOf(platform: RunningPlatform, account: TestAccount): Promise<string> {
  return (await signIn(platform.issuer, account)).accessToken;
}

/** The registration code and link token of the latest invitation e-mail to an address (the development mailbox). */
export async function invitationMail(platform: RunningPlatform, email: string) {
  const mails = await waitFor(
    async () => {
      const response = await fetch(
        `${platform.services.invitations.baseUrl}/internal/dev/mail?to=${encodeURIComponent(email)}`,
        // The development mailbox is an operator's tool, not the gateway's.
        { headers: { 'x-internal-token': TEST_OPERATOR_TOKEN } },
      );
      return (await response.json()) as Array<{ subject: string; text: string }>;
    },
    (list) => list.length > 0,
    { what: `an invitation e-mail to ${email}` },
  );
  const text = mails[0].text;
  const code = /^ {4}([A-Z0-9]{5}-[A-Z0-9]{5})$/m.exec(text)?.[1];
  const token = /accept\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1];
  if (!code || !token) throw new Error(`no code or token in:\n${text}`);
  return { subject: mails[0].subject, code, token };
}

/** The `PortalOrderSubmitted` events on portal.orders so far. */
export async function submittedOrders(platform: RunningPlatform, count: number) {
  const messages = await readTopic(platform.kafkaBrokers, `${platform.topicPrefix}${Topics.PortalOrders}`, {
    count,
    timeoutMs: 15_000,
  });
  return messages.map((m) => JSON.parse(m.value!));
}

/**
 * Gives a person a membership of a contact the quick way, as the invitations service would after an acceptance:
 * `InviteAccepted` with the person's identity at the test provider (partner-identity and document-projection react).
 */
export async function grantMembership(
  platform: RunningPlatform,
  place: ErpPlace,
  account: TestAccount,
  contact: (typeof CONTACTS)[keyof typeof CONTACTS],
  role: PortalRole,
): Promise<string> {
  await platform.publisher.publish(
    inviteAccepted(place, invitationTarget(place, { ...contact, email: account.email }), role, {
      issuer: platform.issuer,
      subject: account.subject,
      email: account.email,
      name: account.name,
    }),
  );
  const token = await tokenOf(platform, account);
  const me = await waitFor(
    () => platform.call('GET', '/api/portal/me', { token }),
    (r) =>
      r.body.memberships?.some(
        (m: { partnerNo: string; contactNo: string; role: string }) =>
          m.contactNo === contact.contactNo && m.role === role,
      ),
    { what: `${account.username}'s membership of ${contact.contactNo}` },
  );
  return me.body.memberships.find((m: { contactNo: string }) => m.contactNo === contact.contactNo).membershipId;
}

/**
 * A portal order as the wizard sends it (`POST /api/portal/orders`): a desk of the master data's catalogue to the
 * customer's store in Amsterdam.
 */
export function deskOrder(quantity = '1', itemNo = 'DESK', requestedReceiptDate = '2026-12-15') {
  return {
    requestedReceiptDate,
    deliveryAddress: {
      description: 'Store',
      line1: 'Keizersgracht 12',
      city: 'Amsterdam',
      postalCode: '1015 CJ',
      countryCode: 'NL',
    },
    lines: [{ itemNo, quantity, unitCode: 'PCS' }],
  };
}
