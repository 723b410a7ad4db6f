import { DEMO_PEOPLE } from '@partner-portal/erp-simulator';

/** A person who can sign in at the development identity provider. */
export interface DemoAccount {
  /** What is typed on the sign-in page. */
  username: string;
  password: string;
  /** The `sub` claim: stable per person, as Entra ID's is per application. */
  subject: string;
  email: string;
  /** Whether the provider vouches for `email` (`email_verified`); true unless a test says otherwise. */
  emailVerified?: boolean;
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

/** The demo people (the simulator seeds their contacts) as accounts of the demo tenant, all with one password. */
export function demoAccounts(tenantId: string, password: string): DemoAccount[] {
  return DEMO_PEOPLE.map((person) => ({
    username: person.username,
    password,
    subject: `demo-${person.username}`,
    email: person.email,
    name: person.name,
    portrays: person.portrays,
    ...(person.administrator ? { roles: [ADMINISTRATOR_ROLE], tenants: [tenantId] } : {}),
  }));
}
