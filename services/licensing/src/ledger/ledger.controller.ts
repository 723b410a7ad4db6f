import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { LedgerQuery, type LedgerEntryResponse, type LedgerPage } from '@partner-portal/api-contracts';
import { DataSource } from 'typeorm';
import { TenantParams, TenantAdministratorGuard } from '@partner-portal/internal-api';

/** Every change to a tenant's pool, newest first. */
@UseGuards(TenantAdministratorGuard)
@Controller('internal/tenants/:tenantId/ledger')
export class LedgerController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  async list(@Param() { tenantId }: TenantParams, @Query() query: LedgerQuery): Promise<LedgerPage> {
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
    const rows: Array<Omit<LedgerEntryResponse, 'occurredAt'> & { occurredAt: Date }> = await this.dataSource.query(
      `SELECT id::text AS "entryId", kind, purchased_delta AS "purchasedDelta", reserved_delta AS "reservedDelta",
              consumed_delta AS "consumedDelta", purchased, reserved, consumed, holder_key AS "holderKey",
              invitation_id AS "invitationId", cause, actor, occurred_at AS "occurredAt"
         FROM ledger_entry WHERE ${where} ORDER BY id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    );
    // Field by field, so that a column added to the query does not reach the API without the contract.
    const items = rows.map((r): LedgerEntryResponse => ({
      entryId: r.entryId,
      kind: r.kind,
      purchasedDelta: r.purchasedDelta,
      reservedDelta: r.reservedDelta,
      consumedDelta: r.consumedDelta,
      purchased: r.purchased,
      reserved: r.reserved,
      consumed: r.consumed,
      holderKey: r.holderKey,
      invitationId: r.invitationId,
      cause: r.cause,
      actor: r.actor,
      occurredAt: r.occurredAt.toISOString(),
    }));
    return { items, page: query.page, pageSize: query.pageSize, total };
  }
}
