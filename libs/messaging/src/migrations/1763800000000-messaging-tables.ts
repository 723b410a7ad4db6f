import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The outbox and inbox tables every service database has. */
export class MessagingTables1763800000000 implements MigrationInterface {
  name = 'MessagingTables1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox_message (
        id bigserial PRIMARY KEY,
        event_id uuid NOT NULL,
        topic text NOT NULL,
        message_key text NOT NULL,
        event_type text NOT NULL,
        event_version int NOT NULL,
        envelope jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        dead_at timestamptz,
        CONSTRAINT outbox_message_event_id_unique UNIQUE (event_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX outbox_message_pending ON outbox_message (id) WHERE published_at IS NULL AND dead_at IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE processed_message (
        consumer_group text NOT NULL,
        event_id uuid NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer_group, event_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE processed_message`);
    await queryRunner.query(`DROP TABLE outbox_message`);
  }
}
