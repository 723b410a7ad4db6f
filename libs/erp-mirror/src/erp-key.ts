import type { PartnerType } from '@partner-portal/contracts';

/** Where a partner lives in the ERP: partners are numbered per company and type (C10000 and V10000 may both be 10000). */
export interface PartnerKey {
  tenantId: string;
  environment: string;
  companyId: string;
  partnerType: PartnerType;
  partnerNo: string;
}

/** A contact person of one partner. */
export interface ContactKey extends PartnerKey {
  contactNo: string;
}
