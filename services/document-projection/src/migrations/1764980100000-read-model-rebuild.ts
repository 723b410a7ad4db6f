import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read-model rebuilds, shared by every instance: the phase of the one running (its instance keeps renewing the
 * lease; a lapsed lease means that instance is gone) and how earlier ones ended. Live consumers of every instance
 * hold while a rebuild with a current lease is in `cutover`.
 */
export class ReadModelRebuild1764980100000 implements MigrationInterface {
  name = 'ReadModelRebuild1764980100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE read_model_rebuild (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        phase text NOT NULL CHECK (phase IN ('replaying', 'cutover', 'done', 'failed')),
        owner text NOT NULL,
        lease_until timestamptz NOT NULL,
        events_replayed bigint NOT NULL DEFAULT 0,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        error text
      )`);
    // One rebuild at a time, across instances.
    await q.query(
      `CREATE UNIQUE INDEX read_model_rebuild_one_running ON read_model_rebuild ((true)) WHERE phase IN ('replaying', 'cutover')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE read_model_rebuild`);
  }
}
