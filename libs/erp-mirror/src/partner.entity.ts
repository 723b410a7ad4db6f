import { Column, Entity } from 'typeorm';
import { PartnerKeyColumns } from './erp-key.columns';
import type { AddressV1, EnvironmentType } from '@partner-portal/contracts';

/**
 * A customer, vendor or 3PL customer, mirrored from `PartnerUpserted`. A deletion leaves a tombstone
 * (`deletedAt` with the deleting version), so that an older upsert arriving late cannot bring it back.
 */
@Entity({ name: 'partner' })
export class Partner extends PartnerKeyColumns {
  @Column({ name: 'environment_type', type: 'text' })
  environmentType!: EnvironmentType;

  @Column({ type: 'text', nullable: true })
  name!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  address!: AddressV1 | null;

  @Column({ name: 'currency_code', type: 'text', nullable: true })
  currencyCode!: string | null;

  @Column({ name: 'price_list_code', type: 'text', nullable: true })
  priceListCode!: string | null;

  @Column({ name: 'language_code', type: 'text', nullable: true })
  languageCode!: string | null;

  @Column({ name: 'ship_to_country_code', type: 'text', nullable: true })
  shipToCountryCode!: string | null;

  @Column({ name: 'invoice_partner_no', type: 'text', nullable: true })
  invoicePartnerNo!: string | null;

  @Column({ name: 'portal_enabled', type: 'boolean', nullable: true })
  portalEnabled!: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  blocked!: boolean | null;

  @Column({ name: 'erp_version', type: 'bigint' })
  erpVersion!: string;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}
