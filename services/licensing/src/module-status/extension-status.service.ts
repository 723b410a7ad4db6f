import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ExtensionStatusResponse } from '@partner-portal/api-contracts';
import type { EventOf, ExtensionStatusChanged } from '@partner-portal/contracts';

/** Where the ERP extension is installed, with its version: the API contract's shape. */
export type ExtensionStatusView = ExtensionStatusResponse;

/** The ERP extension's status per environment and company, from `ExtensionStatusChanged` (version-aware). */
@Injectable()
export class ExtensionStatusService {
  async record(manager: EntityManager, event: EventOf<typeof ExtensionStatusChanged>): Promise<void> {
    const p = event.payload;
    await manager.query(
      `INSERT INTO extension_status (tenant_id, environment, company_id, environment_type, installed, extension_version, erp_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (tenant_id, environment, company_id) DO UPDATE
         SET environment_type = EXCLUDED.environment_type, installed = EXCLUDED.installed,
             extension_version = EXCLUDED.extension_version, erp_version = EXCLUDED.erp_version, updated_at = now()
         WHERE extension_status.erp_version < EXCLUDED.erp_version`,
      [
        event.tenantId,
        p.environment,
        p.companyId,
        p.environmentType,
        p.installed,
        p.extensionVersion ?? null,
        p.erpVersion,
      ],
    );
  }

  async isInstalled(
    manager: EntityManager,
    tenantId: string,
    environment: string,
    companyId: string,
  ): Promise<boolean> {
    const [row] = await manager.query(
      `SELECT installed FROM extension_status WHERE tenant_id = $1 AND environment = $2 AND company_id = $3`,
      [tenantId, environment, companyId],
    );
    return row?.installed === true;
  }

  async list(manager: EntityManager, tenantId: string): Promise<ExtensionStatusView[]> {
    const rows: ExtensionStatusView[] = await manager.query(
      `SELECT environment, environment_type AS "environmentType", company_id AS "companyId", installed,
              extension_version AS "extensionVersion"
         FROM extension_status WHERE tenant_id = $1 ORDER BY environment, company_id`,
      [tenantId],
    );
    // Field by field, so that a column added to the query does not reach the API without the contract.
    return rows.map((r) => ({
      environment: r.environment,
      environmentType: r.environmentType,
      companyId: r.companyId,
      installed: r.installed,
      extensionVersion: r.extensionVersion,
    }));
  }
}
