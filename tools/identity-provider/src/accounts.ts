/** A person who can sign in at the development identity provider. */
export interface DemoAccount {
  /** What is typed on the sign-in page. */
  username: string;
  password: string;
  /** The `sub` claim: stable per person, as Entra ID's is per application. */
  subject: string;
  email: string;
  name: string;
  /** Entra app roles (`roles` claim), e.g. `PartnerPortal.Administrator`. */
  roles?: string[];
  /** Portal tenants the person administers (`partner_portal_tenant` claim). */
  tenants?: string[];
  /** What the demo shows this person as, e.g. "customer representative of C10000". */
  portrays?: string;
}

/** The administrator app role the portal recognises in tokens (partner-identity's ADMIN_ROLE default). */
export const ADMINISTRATOR_ROLE = 'PartnerPortal.Administrator';

/**
 * One person for every role of the demo tenant: an administrator of the company, and contacts of its partners
 * that the demo invites (the simulator's seed creates these contacts with these e-mail addresses).
 */
export function demoAccounts(tenantId: string, password: string): DemoAccount[] {
  const person = (
    username: string,
    name: string,
    email: string,
    portrays: string,
    extra: Partial<DemoAccount> = {},
  ) => ({
    username,
    password,
    subject: `demo-${username}`,
    email,
    name,
    portrays,
    ...extra,
  });
  return [
    person('ada', 'Ada Administrator', 'ada@cronus.example', `administrator of tenant ${tenantId}`, {
      roles: [ADMINISTRATOR_ROLE],
      tenants: [tenantId],
    }),
    person('rita', 'Rita Representative', 'rita@fabrikam.example', 'customer representative of customer C10000'),
    person('aaron', 'Aaron Buyer', 'aaron@fabrikam.example', 'authorized user of customer C10000'),
    person('alice', 'Alice Buyer', 'alice@fabrikam.example', 'authorized user of customer C10000'),
    person('victor', 'Victor Vendor', 'victor@contoso-supplies.example', 'customer representative of vendor V10000'),
    person(
      'theo',
      'Theo Logistics',
      'theo@northwind-logistics.example',
      'customer representative of 3PL customer L10000',
    ),
    person('uma', 'Uma Unauthorized', 'uma@fabrikam.example', 'contact of customer C10000 without portal access'),
  ];
}
