import type { EntityManager } from 'typeorm';
import {
  ErpAccessChange,
  type CompanyUpserted,
  type ContactDeleted,
  type ContactUpserted,
  type EventOf,
  type PartnerDeleted,
  type PartnerUpserted,
} from '@partner-portal/contracts';

/**
 * An upsert that applied, and whether it closed the portal to what was open before: a partner that was enabled and
 * unblocked and now is not, or a contact that was marked as portal contact and now is not. Only such a change ends
 * access; a record that was never open (an administrator may invite an unmarked contact) ends nothing.
 */
export interface AppliedUpsert {
  accessEnded?: ErpAccessChange;
}

/**
 * The mirror of the ERP's companies, partners and contacts. Every write is version-aware in SQL: a row changes
 * only when the incoming `erpVersion` is higher than the stored one, so redelivered or late, older events change
 * nothing. Deletions keep a tombstone with their version for the same reason. Each method answers whether the
 * event changed the mirror (partners and contacts: null when not, else whether it closed the portal), so that a
 * service reacts only to changes that applied.
 */
export class ErpMirror {
  constructor(private readonly manager: EntityManager) {}

  async upsertCompany(event: EventOf<typeof CompanyUpserted>): Promise<boolean> {
    const p = event.payload;
    const rows = await this.manager.query(
      `INSERT INTO company (tenant_id, environment, company_id, environment_type, name, display_name, erp_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (tenant_id, environment, company_id) DO UPDATE
         SET environment_type = EXCLUDED.environment_type, name = EXCLUDED.name, display_name = EXCLUDED.display_name,
             erp_version = EXCLUDED.erp_version, updated_at = now()
         WHERE company.erp_version < EXCLUDED.erp_version
       RETURNING 1`,
      [event.tenantId, p.environment, p.companyId, p.environmentType, p.name, p.displayName ?? null, p.erpVersion],
    );
    return rows.length > 0;
  }

  async upsertPartner(event: EventOf<typeof PartnerUpserted>): Promise<AppliedUpsert | null> {
    const p = event.payload;
    // The CTE reads the row as it was before this statement (one snapshot for the whole statement).
    const rows: { was_open: boolean | null }[] = await this.manager.query(
      `WITH before AS (
         SELECT portal_enabled AND NOT blocked AND deleted_at IS NULL AS open FROM partner
          WHERE tenant_id = $1 AND environment = $2 AND company_id = $3 AND partner_type = $4 AND partner_no = $5)
       INSERT INTO partner (tenant_id, environment, company_id, partner_type, partner_no, environment_type, name, email,
                            address, currency_code, price_list_code, language_code, ship_to_country_code,
                            invoice_partner_no, portal_enabled, blocked, erp_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
       ON CONFLICT (tenant_id, environment, company_id, partner_type, partner_no) DO UPDATE
         SET environment_type = EXCLUDED.environment_type, name = EXCLUDED.name, email = EXCLUDED.email,
             address = EXCLUDED.address, currency_code = EXCLUDED.currency_code,
             price_list_code = EXCLUDED.price_list_code, language_code = EXCLUDED.language_code,
             ship_to_country_code = EXCLUDED.ship_to_country_code, invoice_partner_no = EXCLUDED.invoice_partner_no,
             portal_enabled = EXCLUDED.portal_enabled, blocked = EXCLUDED.blocked,
             erp_version = EXCLUDED.erp_version, deleted_at = NULL, updated_at = now()
         WHERE partner.erp_version < EXCLUDED.erp_version
       RETURNING (SELECT open FROM before) AS was_open`,
      [
        event.tenantId,
        p.environment,
        p.companyId,
        p.partnerType,
        p.partnerNo,
        p.environmentType,
        p.name,
        p.email?.toLowerCase() ?? null,
        JSON.stringify(p.address),
        p.currencyCode,
        p.priceListCode ?? null,
        p.languageCode,
        p.shipToCountryCode ?? null,
        p.invoicePartnerNo ?? null,
        p.portalEnabled,
        p.blocked,
        p.erpVersion,
      ],
    );
    if (rows.length === 0) return null;
    if (!rows[0].was_open || (p.portalEnabled && !p.blocked)) return {};
    return { accessEnded: p.blocked ? ErpAccessChange.PartnerBlocked : ErpAccessChange.PartnerPortalDisabled };
  }

  /** Marks the partner deleted. */
  async deletePartner(event: EventOf<typeof PartnerDeleted>): Promise<boolean> {
    const p = event.payload;
    const rows = await this.manager.query(
      `INSERT INTO partner (tenant_id, environment, company_id, partner_type, partner_no, environment_type, erp_version, deleted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       ON CONFLICT (tenant_id, environment, company_id, partner_type, partner_no) DO UPDATE
         SET erp_version = EXCLUDED.erp_version, deleted_at = now(), updated_at = now()
         WHERE partner.erp_version < EXCLUDED.erp_version
       RETURNING 1`,
      [event.tenantId, p.environment, p.companyId, p.partnerType, p.partnerNo, p.environmentType, p.erpVersion],
    );
    return rows.length > 0;
  }

  async upsertContact(event: EventOf<typeof ContactUpserted>): Promise<AppliedUpsert | null> {
    const p = event.payload;
    const rows: { was_marked: boolean | null }[] = await this.manager.query(
      `WITH before AS (
         SELECT portal_contact AND deleted_at IS NULL AS marked FROM contact
          WHERE tenant_id = $1 AND environment = $2 AND company_id = $3 AND partner_type = $4 AND partner_no = $5
            AND contact_no = $6)
       INSERT INTO contact (tenant_id, environment, company_id, partner_type, partner_no, contact_no, environment_type,
                            name, email, phone, language_code, portal_contact, portal_role, erp_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (tenant_id, environment, company_id, partner_type, partner_no, contact_no) DO UPDATE
         SET environment_type = EXCLUDED.environment_type, name = EXCLUDED.name, email = EXCLUDED.email,
             phone = EXCLUDED.phone, language_code = EXCLUDED.language_code,
             portal_contact = EXCLUDED.portal_contact, portal_role = EXCLUDED.portal_role,
             erp_version = EXCLUDED.erp_version, deleted_at = NULL, updated_at = now()
         WHERE contact.erp_version < EXCLUDED.erp_version
       RETURNING (SELECT marked FROM before) AS was_marked`,
      [
        event.tenantId,
        p.environment,
        p.companyId,
        p.partnerType,
        p.partnerNo,
        p.contactNo,
        p.environmentType,
        p.name,
        p.email?.toLowerCase() ?? null,
        p.phone ?? null,
        p.languageCode ?? null,
        p.portalContact,
        p.portalRole ?? null,
        p.erpVersion,
      ],
    );
    if (rows.length === 0) return null;
    return rows[0].was_marked && !p.portalContact ? { accessEnded: ErpAccessChange.ContactUnmarked } : {};
  }

  /** Marks the contact deleted. */
  async deleteContact(event: EventOf<typeof ContactDeleted>): Promise<boolean> {
    const p = event.payload;
    const rows = await this.manager.query(
      `INSERT INTO contact (tenant_id, environment, company_id, partner_type, partner_no, contact_no, environment_type, erp_version, deleted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
       ON CONFLICT (tenant_id, environment, company_id, partner_type, partner_no, contact_no) DO UPDATE
         SET erp_version = EXCLUDED.erp_version, deleted_at = now(), updated_at = now()
         WHERE contact.erp_version < EXCLUDED.erp_version
       RETURNING 1`,
      [
        event.tenantId,
        p.environment,
        p.companyId,
        p.partnerType,
        p.partnerNo,
        p.contactNo,
        p.environmentType,
        p.erpVersion,
      ],
    );
    return rows.length > 0;
  }
}
