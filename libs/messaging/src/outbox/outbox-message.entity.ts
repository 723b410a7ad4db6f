import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { EventEnvelope } from '@partner-portal/contracts';

/** An event written in the same transaction as the state change that caused it, waiting for the relay. */
@Entity({ name: 'outbox_message' })
@Index('outbox_message_pending', ['id'], { where: 'published_at IS NULL AND dead_at IS NULL' })
export class OutboxMessage {
  /** Commit order; the relay publishes in this order. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'event_id', type: 'uuid', unique: true })
  eventId!: string;

  /** Platform topic name, without any deployment prefix. */
  @Column({ type: 'text' })
  topic!: string;

  @Column({ name: 'message_key', type: 'text' })
  messageKey!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ name: 'event_version', type: 'int' })
  eventVersion!: number;

  @Column({ type: 'jsonb' })
  envelope!: EventEnvelope<object>;

  /** The trace the event was written in, as W3C Trace Context headers; null outside a trace. */
  @Column({ name: 'trace_context', type: 'jsonb', nullable: true })
  traceContext!: Record<string, string> | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  /** Sends refused for this row itself (an outage's failures are not counted), plus the one that published it. */
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  /** Set when the broker refused the message for good; the relay skips it and metrics count it. */
  @Column({ name: 'dead_at', type: 'timestamptz', nullable: true })
  deadAt!: Date | null;
}
