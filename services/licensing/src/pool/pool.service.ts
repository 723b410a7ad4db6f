import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OverviewResponse } from '@partner-portal/api-contracts';
import { ExtensionStatusService } from '../module-status/extension-status.service';
import { available } from './license-rules';
import { PoolRepository } from './pool.repository';

/** The Collaborate & Exchange overview of a tenant: the API contract's shape. */
export type OverviewView = OverviewResponse;

/** The pool as an administrator sees it, and the server module switch. */
@Injectable()
export class PoolService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly extensions: ExtensionStatusService,
  ) {}

  async overview(tenantId: string): Promise<OverviewView> {
    return this.dataSource.transaction(async (manager) => {
      const pool = await new PoolRepository(manager).get(tenantId);
      const extensions = await this.extensions.list(manager, tenantId);
      const counts = { purchased: pool.purchased, reserved: pool.reserved, consumed: pool.consumed };
      return {
        module: {
          serverModuleActive: pool.serverModuleActive,
          extensionInstalled: extensions.some((e) => e.installed),
          extensions,
        },
        pool: { ...counts, available: available(counts) },
      };
    });
  }

  async setServerModule(tenantId: string, active: boolean): Promise<OverviewView> {
    await this.dataSource.transaction((manager) => new PoolRepository(manager).setServerModule(tenantId, active));
    return this.overview(tenantId);
  }
}
