import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The trace context an event was written in (`traceparent`, `tracestate`), which the relay sends as Kafka headers. */
export class OutboxTraceContext1765100000000 implements MigrationInterface {
  name = 'OutboxTraceContext1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE outbox_message ADD COLUMN IF NOT EXISTS trace_context jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE outbox_message DROP COLUMN trace_context`);
  }
}
