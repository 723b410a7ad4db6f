import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { pageOf, type LedgerEntryResponse, type LedgerPage, type LedgerQuery } from '@partner-portal/api-contracts';
import { selectListPage } from '@partner-portal/internal-api';

/** A ledger line as `LEDGER_ENTRY_COLUMNS` reads it: the contract's fields, the time still a `Date`. */
interface LedgerEntryRow extends Omit<LedgerEntryResponse, 'occurredAt'> {
  occurredAt: Date;
}

const LEDGER_ENTRY_COLUMNS = `id::text AS "entryId", kind, purchased_delta AS "purchasedDelta",
  reserved_delta AS "reservedDelta", consumed_delta AS "consumedDelta", purchased, reserved, consumed,
  holder_key AS "holderKey", invitation_id AS "invitationId", cause, actor, occurred_at AS "occurredAt"`;

/** Reads a tenant's ledger (`recordLedger` in ./ledger writes it). */
@Injectable()
export class LedgerService {
  constructor(private readonly dataSource: DataSource) {}

  /** Every change to a tenant's pool, newest first (the id is unique and grows with each line), of one kind or all. */
  async list(tenantId: string, query: LedgerQuery): Promise<LedgerPage> {
    const params: unknown[] = [tenantId];
    let where = 'tenant_id = $1';
    if (query.kind) {
      params.push(query.kind);
      where += ' AND kind = $2';
    }
    const { rows, total } = await selectListPage<LedgerEntryRow>(
      this.dataSource,
      { columns: LEDGER_ENTRY_COLUMNS, from: 'ledger_entry', where, orderBy: 'id DESC', params },
      query,
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
    return pageOf(items, query, total);
  }
}
