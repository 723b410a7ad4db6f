import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A waiting reactivation remembers the request it waits on (the `PortalUserReactivationRequested` event id): an answer
 * of licensing to an earlier request of the same membership, deactivated and reactivated again meanwhile, is stale.
 */
export class ReactivationRequest1764970000000 implements MigrationInterface {
  name = 'ReactivationRequest1764970000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE membership ADD COLUMN reactivation_request_id uuid`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE membership DROP COLUMN reactivation_request_id`);
  }
}
