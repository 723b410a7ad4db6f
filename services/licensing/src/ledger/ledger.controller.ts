import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { LedgerQuery } from '@partner-portal/api-contracts';
import { DataSource } from 'typeorm';
import {
  CurrentPrincipal,
  requireAdministratorOf,
  TenantParams,
  type Principal,
  TenantAdministratorGuard,
} from '@partner-portal/internal-api';

/** Every change to a tenant's pool, newest first. */
@UseGuards(TenantAdministratorGuard)
@Controller('internal/tenants/:tenantId/ledger')
export class LedgerController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param() { tenantId }: TenantParams,
    @Query() query: LedgerQuery,
  ) {
    requireAdministratorOf(principal, tenantId);
    const params: unknown[] = [tenantId];
    let where = 'tenant_id = $1';
    if (query.kind) {
      params.push(query.kind);
      where += ' AND kind = $2';
    }
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM ledger_entry WHERE ${where}`,
      params,
    );
    const rows = await this.dataSource.query(
      `SELECT id::text AS "entryId", kind, purchased_delta AS "purchasedDelta", reserved_delta AS "reservedDelta",
              consumed_delta AS "consumedDelta", purchased, reserved, consumed, holder_key AS "holderKey",
              invitation_id AS "invitationId", cause, actor, occurred_at AS "occurredAt"
         FROM ledger_entry WHERE ${where} ORDER BY id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    );
    return { items: rows, page: query.page, pageSize: query.pageSize, total };
  }
}
