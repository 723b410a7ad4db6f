import { Column, Entity } from 'typeorm';
import { CompanyKeyColumns } from './erp-key.columns';
import type { EnvironmentType } from '@partner-portal/contracts';

/** A company of an ERP environment, mirrored from `CompanyUpserted`. */
@Entity({ name: 'company' })
export class Company extends CompanyKeyColumns {
  @Column({ name: 'environment_type', type: 'text' })
  environmentType!: EnvironmentType;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'display_name', type: 'text', nullable: true })
  displayName!: string | null;

  @Column({ name: 'erp_version', type: 'bigint' })
  erpVersion!: string;
}
