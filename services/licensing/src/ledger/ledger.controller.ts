import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { LedgerQuery, type LedgerPage } from '@partner-portal/api-contracts';
import { TenantParams, TenantAdministratorGuard } from '@partner-portal/internal-api';
import { LedgerService } from './ledger.service';

/** Every change to a tenant's pool, newest first. */
@UseGuards(TenantAdministratorGuard)
@Controller('internal/tenants/:tenantId/ledger')
export class LedgerController {
  constructor(private readonly ledger: LedgerService) {}

  @Get()
  list(@Param() { tenantId }: TenantParams, @Query() query: LedgerQuery): Promise<LedgerPage> {
    return this.ledger.list(tenantId, query);
  }
}
