import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A seat's deactivation that arrived before the acceptance it ends (they travel on different topics): kept until
 * that acceptance comes, which then gives the license back at once.
 */
export class EndedSeats1764700000000 implements MigrationInterface {
  name = 'EndedSeats1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE ended_seat (
        tenant_id text NOT NULL,
        claim text NOT NULL,
        ended_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, claim)
      )`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ended_seat`);
  }
}
