import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A reactivated membership waits for licensing (`reactivating`) before it is active again, and keeps why licensing
 * refused the last reactivation, for the administrator's list.
 */
export class ReactivationWaitsForLicense1764800000000 implements MigrationInterface {
  name = 'ReactivationWaitsForLicense1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE membership DROP CONSTRAINT membership_status_check`);
    await q.query(
      `ALTER TABLE membership ADD CONSTRAINT membership_status_check CHECK (status IN ('active', 'reactivating', 'deactivated'))`,
    );
    await q.query(
      `ALTER TABLE membership ADD COLUMN reactivation_refusal text
         CHECK (reactivation_refusal IN ('no_license_available', 'module_inactive'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE membership DROP COLUMN reactivation_refusal`);
    await q.query(`UPDATE membership SET status = 'deactivated' WHERE status = 'reactivating'`);
    await q.query(`ALTER TABLE membership DROP CONSTRAINT membership_status_check`);
    await q.query(
      `ALTER TABLE membership ADD CONSTRAINT membership_status_check CHECK (status IN ('active', 'deactivated'))`,
    );
  }
}
