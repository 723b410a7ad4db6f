import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An identity listed as administrator of a tenant (used when ADMIN_RECOGNITION is `list` or `both`). */
@Entity({ name: 'tenant_administrator' })
export class TenantAdministrator {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ type: 'text' })
  issuer!: string;

  @PrimaryColumn({ type: 'text' })
  subject!: string;

  @Column({ name: 'added_at', type: 'timestamptz', default: () => 'now()' })
  addedAt!: Date;
}
