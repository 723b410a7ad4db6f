import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `portal_member.role`: the portal user's role, from `PortalUserActivated` and `PortalUserRoleChanged`, so that the
 * service itself checks that whoever invites a colleague is an active customer representative of that partner
 * (issue 13), instead of trusting the caller. Members recorded before get the role of their accepted invitation
 * (a later role change of theirs was not recorded here); without one it stays null, which no rule treats as a
 * representative, until the next event about them.
 * Index by membership: a representative's request names its membership, not its contact.
 */
export class PortalMemberRole1764600000000 implements MigrationInterface {
  name = 'PortalMemberRole1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE portal_member ADD COLUMN role text CHECK (role IN ('customer_representative', 'authorized_user'))`,
    );
    await q.query(`
      UPDATE portal_member pm SET role = (
        SELECT i.role FROM invitation i
         WHERE (i.tenant_id, i.environment, i.company_id, i.partner_type, i.partner_no, i.contact_no)
             = (pm.tenant_id, pm.environment, pm.company_id, pm.partner_type, pm.partner_no, pm.contact_no)
           AND i.status = 'accepted'
         ORDER BY i.accepted_at DESC NULLS LAST LIMIT 1)`);
    await q.query(`CREATE INDEX portal_member_by_membership ON portal_member (membership_id)`);
    await q.query(
      `CREATE INDEX invitation_by_partner ON invitation (tenant_id, environment, company_id, partner_type, partner_no, created_at DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX invitation_by_partner`);
    await q.query(`DROP INDEX portal_member_by_membership`);
    await q.query(`ALTER TABLE portal_member DROP COLUMN role`);
  }
}
