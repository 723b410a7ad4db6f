import { PartnerType, PortalRole } from '@partner-portal/contracts';

/** Someone of the demo: the identity provider's account, and (for partner people) their ERP contact and role. */
export interface DemoPerson {
  username: string;
  name: string;
  email: string;
  /** What the demo shows them as. */
  portrays: string;
  /** Tenant administrators have no ERP contact. */
  administrator?: boolean;
  contact?: { partnerType: PartnerType; partnerNo: string; contactNo: string; languageCode: string };
  /** The role `npm start` invites them with; none: they stay without portal access (or `npm run demo` invites them). */
  startRole?: PortalRole;
}

const customer = (contactNo: string) => ({
  partnerType: PartnerType.Customer,
  partnerNo: 'C10000',
  contactNo,
  languageCode: 'en',
});

/** One person for every role of the demo tenant; the seed creates their contacts, `npm start` invites them. */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    username: 'ada',
    name: 'Ada Administrator',
    email: 'ada@cronus.example',
    portrays: 'tenant administrator',
    administrator: true,
  },
  {
    username: 'rita',
    name: 'Rita Representative',
    email: 'rita@fabrikam.example',
    portrays: 'customer representative of Fabrikam Retail (C10000)',
    contact: customer('CT000001'),
    startRole: PortalRole.CustomerRepresentative,
  },
  {
    username: 'aaron',
    name: 'Aaron Buyer',
    email: 'aaron@fabrikam.example',
    portrays: 'authorized user of Fabrikam Retail: sees the orders he placed',
    contact: customer('CT000002'),
    startRole: PortalRole.AuthorizedUser,
  },
  {
    username: 'alice',
    name: 'Alice Buyer',
    email: 'alice@fabrikam.example',
    portrays: 'authorized user of Fabrikam Retail: sees the orders she placed',
    contact: customer('CT000003'),
    startRole: PortalRole.AuthorizedUser,
  },
  {
    username: 'uma',
    name: 'Uma Unauthorized',
    email: 'uma@fabrikam.example',
    portrays: 'contact of Fabrikam Retail without portal access: sees nothing',
    contact: customer('CT000004'),
  },
  {
    username: 'nina',
    name: 'Nina Newcomer',
    email: 'nina@fabrikam.example',
    portrays: 'contact of Fabrikam Retail whom `npm run demo` invites',
    contact: customer('CT000005'),
  },
  {
    username: 'victor',
    name: 'Victor Vendor',
    email: 'victor@contoso-supplies.example',
    portrays: 'customer representative of vendor Contoso Supplies (V10000)',
    contact: { partnerType: PartnerType.Vendor, partnerNo: 'V10000', contactNo: 'CT000006', languageCode: 'en' },
    startRole: PortalRole.CustomerRepresentative,
  },
  {
    username: 'theo',
    name: 'Theo Logistics',
    email: 'theo@northwind-logistics.example',
    portrays: 'customer representative of 3PL customer Northwind Logistics (L10000)',
    contact: {
      partnerType: PartnerType.ThirdPartyLogisticsCustomer,
      partnerNo: 'L10000',
      contactNo: 'CT000007',
      languageCode: 'en',
    },
    startRole: PortalRole.CustomerRepresentative,
  },
];
