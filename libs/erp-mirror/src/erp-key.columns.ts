import { PrimaryColumn } from 'typeorm';
import type { PartnerType } from '@partner-portal/contracts';

/** Key columns of a company-scoped ERP record: tenant, environment, company. */
export abstract class CompanyKeyColumns {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ type: 'text' })
  environment!: string;

  @PrimaryColumn({ name: 'company_id', type: 'text' })
  companyId!: string;
}

/** Key columns of a partner: its company, type and number. */
export abstract class PartnerKeyColumns extends CompanyKeyColumns {
  @PrimaryColumn({ name: 'partner_type', type: 'text' })
  partnerType!: PartnerType;

  @PrimaryColumn({ name: 'partner_no', type: 'text' })
  partnerNo!: string;
}

/** Key columns of a contact: its partner and number. */
export abstract class ContactKeyColumns extends PartnerKeyColumns {
  @PrimaryColumn({ name: 'contact_no', type: 'text' })
  contactNo!: string;
}
