import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LicensingConfig } from '../config/licensing.config';
import { sum } from '@partner-portal/contracts';

/** A tenant's price of one license. */
export interface Plan {
  unitPrice: string;
  currencyCode: string;
  /** Whether the tenant has its own plan rather than the default one. */
  custom: boolean;
}

/** Tenant plans: the default from configuration, or a tenant's own set by an operator. */
@Injectable()
export class PlanService {
  constructor(@Inject(LicensingConfig) private readonly config: LicensingConfig) {}

  async planOf(manager: EntityManager, tenantId: string): Promise<Plan> {
    const [row] = await manager.query(
      `SELECT trim_scale(unit_price)::text AS unit_price, currency_code FROM tenant_plan WHERE tenant_id = $1`,
      [tenantId],
    );
    if (!row)
      return { unitPrice: this.config.defaultUnitPrice, currencyCode: this.config.defaultCurrency, custom: false };
    return { unitPrice: sum([row.unit_price]), currencyCode: row.currency_code, custom: true };
  }

  async setPlan(manager: EntityManager, tenantId: string, unitPrice: string, currencyCode: string): Promise<void> {
    await manager.query(
      `INSERT INTO tenant_plan (tenant_id, unit_price, currency_code) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id) DO UPDATE SET unit_price = EXCLUDED.unit_price, currency_code = EXCLUDED.currency_code, updated_at = now()`,
      [tenantId, unitPrice, currencyCode],
    );
  }
}
