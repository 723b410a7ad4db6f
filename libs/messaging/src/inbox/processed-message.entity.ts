import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An event a consumer group has applied; inserted in the same transaction as the read-model change. */
@Entity({ name: 'processed_message' })
export class ProcessedMessage {
  @PrimaryColumn({ name: 'consumer_group', type: 'text' })
  consumerGroup!: string;

  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'processed_at', type: 'timestamptz', default: () => 'now()' })
  processedAt!: Date;
}
