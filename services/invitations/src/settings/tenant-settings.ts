import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { InvitationSettingsResponse } from '@partner-portal/api-contracts';
import { InvitationsConfig } from '../config/invitations.config';

/** A tenant's invitation settings: the API contract's shape. */
export type TenantSettings = InvitationSettingsResponse;

/** Per-tenant invitation settings, with the configured defaults where a tenant has none. */
@Injectable()
export class TenantSettingsService {
  constructor(@Inject(InvitationsConfig) private readonly config: InvitationsConfig) {}

  async get(manager: EntityManager, tenantId: string): Promise<TenantSettings> {
    const [row] = await manager.query(
      `SELECT invitation_ttl_hours, require_email_match, auto_invite FROM tenant_settings WHERE tenant_id = $1`,
      [tenantId],
    );
    return {
      invitationTtlHours: row?.invitation_ttl_hours ?? this.config.defaultTtlHours,
      requireEmailMatch: row?.require_email_match ?? false,
      autoInvite: row?.auto_invite ?? false,
    };
  }

  async set(manager: EntityManager, tenantId: string, settings: Partial<TenantSettings>): Promise<TenantSettings> {
    const current = await this.get(manager, tenantId);
    // Omitted fields keep their value (DTO instances carry them as undefined).
    const given = Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
    const next = { ...current, ...given };
    await manager.query(
      `INSERT INTO tenant_settings (tenant_id, invitation_ttl_hours, require_email_match, auto_invite) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id) DO UPDATE SET invitation_ttl_hours = EXCLUDED.invitation_ttl_hours,
         require_email_match = EXCLUDED.require_email_match, auto_invite = EXCLUDED.auto_invite, updated_at = now()`,
      [tenantId, next.invitationTtlHours, next.requireEmailMatch, next.autoInvite],
    );
    return next;
  }
}
