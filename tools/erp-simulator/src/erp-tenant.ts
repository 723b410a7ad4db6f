import { EnvironmentType, PartnerType } from '@partner-portal/contracts';

/** Where the simulated ERP's data lives: a tenant's environment and company. */
export interface ErpCompany {
  tenantId: string;
  environment: string;
  environmentType: EnvironmentType;
  companyId: string;
  companyName: string;
}

/** Production and a sandbox of one Business Central company, as a tenant has them. */
export function tenantCompanies(tenantId: string): ErpCompany[] {
  return [
    {
      tenantId,
      environment: 'production',
      environmentType: EnvironmentType.Production,
      companyId: 'CRONUS',
      companyName: 'CRONUS Nederland BV',
    },
    {
      tenantId,
      environment: 'sandbox',
      environmentType: EnvironmentType.Sandbox,
      companyId: 'CRONUS',
      companyName: 'CRONUS Nederland BV (test)',
    },
  ];
}

/** A partner as the simulator knows it. */
export interface SimulatedPartner {
  partnerType: PartnerType;
  partnerNo: string;
  name: string;
  languageCode: string;
  countryCode: string;
  contacts: SimulatedContact[];
}

/** A contact person of a partner. */
export interface SimulatedContact {
  contactNo: string;
  name: string;
  email: string;
  languageCode: string;
}

/** An item with its units, as price lists and documents use it. */
export interface SimulatedItem {
  itemNo: string;
  description: string;
  units: Array<{ unitCode: string; qtyPerBaseUnit: number }>;
  unitPrice: number;
}

/** Business Central numbers each partner type in its own series; the simulator does the same. */
export const NUMBER_SERIES: Record<PartnerType, string> = {
  [PartnerType.Customer]: 'C',
  [PartnerType.Vendor]: 'V',
  [PartnerType.ThirdPartyLogisticsCustomer]: 'L',
};

/** `C10000`, `C10010`, ...: Business Central's default series steps by 10. */
export const partnerNumber = (type: PartnerType, index: number) => `${NUMBER_SERIES[type]}${10_000 + index * 10}`;
