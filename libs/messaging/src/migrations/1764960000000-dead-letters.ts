import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The service's dead letters as its consumer group set them aside on `<topic>.dlq` (the topic stays the record; this
 * is its index, for listing by tenant and topic), and what replays did with them.
 */
export class DeadLetters1764960000000 implements MigrationInterface {
  name = 'DeadLetters1764960000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE dead_letter (
        consumer_group text NOT NULL,
        dlq_topic text NOT NULL,
        dlq_partition int NOT NULL,
        dlq_offset bigint NOT NULL,
        original_topic text NOT NULL,
        original_partition int NOT NULL,
        original_offset bigint NOT NULL,
        event_id text,
        event_type text,
        tenant_id text,
        message_key bytea,
        message_value bytea,
        reason text NOT NULL,
        attempts int NOT NULL,
        dead_lettered_at timestamptz NOT NULL,
        replay_attempts int NOT NULL DEFAULT 0,
        replayed_at timestamptz,
        replay_outcome text,
        PRIMARY KEY (consumer_group, dlq_topic, dlq_partition, dlq_offset)
      )`);
    await queryRunner.query(
      `CREATE INDEX dead_letter_newest ON dead_letter (consumer_group, dead_lettered_at DESC, dlq_topic COLLATE "C", dlq_partition, dlq_offset)`,
    );
    await queryRunner.query(
      `CREATE INDEX dead_letter_tenant ON dead_letter (consumer_group, tenant_id, dead_lettered_at DESC)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE dead_letter`);
  }
}
