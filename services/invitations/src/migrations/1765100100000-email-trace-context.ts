import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The trace an e-mail was queued in, so that its sending (and the `ContactInvited` after it) continues that trace. */
export class EmailTraceContext1765100100000 implements MigrationInterface {
  name = 'EmailTraceContext1765100100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE email_delivery ADD COLUMN IF NOT EXISTS trace_context jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE email_delivery DROP COLUMN trace_context`);
  }
}
