import { Column, Entity } from 'typeorm';
import { ContactKeyColumns } from './erp-key.columns';
import type { EnvironmentType, PortalRole } from '@partner-portal/contracts';

/** A contact person of a partner, mirrored from `ContactUpserted`; deletions leave a tombstone like partners. */
@Entity({ name: 'contact' })
export class Contact extends ContactKeyColumns {
  @Column({ name: 'environment_type', type: 'text' })
  environmentType!: EnvironmentType;

  @Column({ type: 'text', nullable: true })
  name!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ name: 'language_code', type: 'text', nullable: true })
  languageCode!: string | null;

  @Column({ name: 'portal_contact', type: 'boolean', nullable: true })
  portalContact!: boolean | null;

  @Column({ name: 'portal_role', type: 'text', nullable: true })
  portalRole!: PortalRole | null;

  @Column({ name: 'erp_version', type: 'bigint' })
  erpVersion!: string;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}
