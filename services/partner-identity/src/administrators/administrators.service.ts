import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Refusal, type AdministratorResponse } from '@partner-portal/api-contracts';

/** An entry of the tenant administrator list: the API contract's shape. */
export type AdministratorView = AdministratorResponse;

/** The tenant administrator list (one way of recognising administrators; see ADMIN_RECOGNITION). */
@Injectable()
export class AdministratorsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(tenantId: string): Promise<AdministratorView[]> {
    const rows = await this.dataSource.query(
      `SELECT issuer, subject, added_at FROM tenant_administrator WHERE tenant_id = $1 ORDER BY added_at, subject`,
      [tenantId],
    );
    return rows.map((r: { issuer: string; subject: string; added_at: Date }): AdministratorView => ({
      issuer: r.issuer,
      subject: r.subject,
      addedAt: r.added_at.toISOString(),
    }));
  }

  async add(tenantId: string, issuer: string, subject: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO tenant_administrator (tenant_id, issuer, subject) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [tenantId, issuer, subject],
    );
  }

  /** Removes an entry; refused as not found when there is none. */
  async remove(tenantId: string, issuer: string, subject: string): Promise<void> {
    const [, count] = await this.dataSource.query(
      `DELETE FROM tenant_administrator WHERE tenant_id = $1 AND issuer = $2 AND subject = $3`,
      [tenantId, issuer, subject],
    );
    if (count === 0) throw new Refusal('not_found', 'not_found', 'that identity is not on the administrator list');
  }

  /** The tenants that list this identity. */
  async tenantsListing(issuer: string, subject: string): Promise<string[]> {
    const rows = await this.dataSource.query(
      `SELECT tenant_id FROM tenant_administrator WHERE issuer = $1 AND subject = $2 ORDER BY tenant_id`,
      [issuer, subject],
    );
    return rows.map((r: { tenant_id: string }) => r.tenant_id);
  }
}
