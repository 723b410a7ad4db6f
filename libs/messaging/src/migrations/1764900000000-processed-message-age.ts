import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Lets the inbox find its processed messages past retention without reading the whole table. */
export class ProcessedMessageAge1764900000000 implements MigrationInterface {
  name = 'ProcessedMessageAge1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS processed_message_age ON processed_message (consumer_group, processed_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX processed_message_age`);
  }
}
