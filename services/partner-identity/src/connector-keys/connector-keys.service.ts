import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  CONNECTOR_KEY_GRACE_HOURS_DEFAULT,
  pageOf,
  Refusal,
  type ConnectorIdentityResponse,
  type ConnectorKeyListResponse,
  type ConnectorKeyResponse,
  type CreatedConnectorKeyResponse,
  type PageRequest,
} from '@partner-portal/api-contracts';
import { selectListPage } from '@partner-portal/internal-api';
import { hashConnectorKey, looksLikeConnectorKey, newConnectorKey } from './connector-key-secret';

/** A connector key as administrators see it (never the key itself, except once when it is created): the contract's. */
export type ConnectorKeyView = ConnectorKeyResponse;

/** The columns of a key that `toView` shows: the list reads only these (`CONNECTOR_KEY_COLUMNS`), never the hash. */
interface ConnectorKeyRow {
  id: string;
  label: string;
  key_prefix: string;
  created_by: string;
  created_at: Date;
  revoked_at: Date | null;
  replaced_by: string | null;
  expires_at: Date | null;
}

const CONNECTOR_KEY_COLUMNS = 'id, label, key_prefix, created_by, created_at, revoked_at, replaced_by, expires_at';

/** A key works while it is neither revoked nor past the end of its rotation's grace. */
const WORKING = 'revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())';

const toView = (r: ConnectorKeyRow): ConnectorKeyView => ({
  id: r.id,
  label: r.label,
  keyPrefix: r.key_prefix,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
  revokedAt: r.revoked_at?.toISOString() ?? null,
  replacedBy: r.replaced_by,
  expiresAt: r.expires_at?.toISOString() ?? null,
});

/** Per-tenant API keys with which ERP connectors publish through the gateway. */
@Injectable()
export class ConnectorKeysService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Creates a key; with `replaces` (rotation), that working key of the same tenant keeps working for `graceHours`
   * more, set in the same transaction, and not past an earlier end. With no grace it is revoked at once.
   */
  async create(
    tenantId: string,
    label: string,
    createdBy: string,
    replaces?: string,
    graceHours = CONNECTOR_KEY_GRACE_HOURS_DEFAULT,
  ): Promise<CreatedConnectorKeyResponse> {
    const { key, hash, shownPrefix } = newConnectorKey();
    const id = randomUUID();
    return this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query(
        `INSERT INTO connector_key (id, tenant_id, label, key_hash, key_prefix, created_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
        [id, tenantId, label, hash, shownPrefix, createdBy],
      );
      if (replaces) {
        const [, replaced] = await manager.query(
          graceHours === 0
            ? `UPDATE connector_key SET revoked_at = now(), replaced_by = $3 WHERE tenant_id = $1 AND id = $2 AND ${WORKING}`
            : `UPDATE connector_key
                  SET expires_at = least(expires_at, now() + make_interval(hours => $4)), replaced_by = $3
                WHERE tenant_id = $1 AND id = $2 AND ${WORKING}`,
          graceHours === 0 ? [tenantId, replaces, id] : [tenantId, replaces, id, graceHours],
        );
        if (replaced === 0) {
          throw new Refusal('not_found', 'not_found', `no active connector key ${replaces} to replace`);
        }
      }
      return { ...toView(row), key };
    });
  }

  /** A page of the tenant's keys, newest first (the id breaks ties, so pages neither repeat nor skip a key). */
  async list(tenantId: string, request: PageRequest): Promise<ConnectorKeyListResponse> {
    const { rows, total } = await selectListPage<ConnectorKeyRow>(
      this.dataSource,
      {
        columns: CONNECTOR_KEY_COLUMNS,
        from: 'connector_key',
        where: 'tenant_id = $1',
        orderBy: 'created_at DESC, id',
        params: [tenantId],
      },
      request,
    );
    return pageOf(rows.map(toView), request, total);
  }

  async revoke(tenantId: string, id: string): Promise<ConnectorKeyView> {
    const [rows] = await this.dataSource.query(
      `UPDATE connector_key SET revoked_at = coalesce(revoked_at, now()) WHERE tenant_id = $1 AND id = $2 RETURNING *`,
      [tenantId, id],
    );
    if (!rows?.[0]) throw new Refusal('not_found', 'not_found', `connector key ${id} not found`);
    return toView(rows[0]);
  }

  /**
   * The tenant a presented key publishes for; none for an unknown, malformed or revoked key (without saying which):
   * not a refusal of a business rule but a failed authentication, which the verification route answers with 401.
   */
  async verify(key: string): Promise<ConnectorIdentityResponse | undefined> {
    if (looksLikeConnectorKey(key)) {
      const [row] = await this.dataSource.query(
        `SELECT id, tenant_id FROM connector_key WHERE key_hash = $1 AND ${WORKING}`,
        [hashConnectorKey(key)],
      );
      if (row) return { tenantId: row.tenant_id, keyId: row.id };
    }
    return undefined;
  }
}
