import type { IHeaders, KafkaMessage } from 'kafkajs';
import { DlqHeaders, EventHeaders } from '@partner-portal/contracts';
import { logicalTopic } from '../kafka/kafka-connection';

/** Where a dead letter sits on its dead-letter topic (platform topic name, without a test prefix). */
export interface DeadLetterPosition {
  dlqTopic: string;
  partition: number;
  offset: string;
}

/** A dead letter of one consumer group, as its index keeps it. */
export interface DeadLetterEntry extends DeadLetterPosition {
  consumerGroup: string;
  originalTopic: string;
  originalPartition: number;
  originalOffset: string;
  eventId: string | null;
  eventType: string | null;
  tenantId: string | null;
  key: Buffer | null;
  value: Buffer | null;
  reason: string;
  attempts: number;
  deadLetteredAt: Date;
}

/** The id operators and administrators name a dead letter by: `<topic>.dlq:<partition>:<offset>`. */
export function deadLetterId(position: DeadLetterPosition): string {
  return `${position.dlqTopic}:${position.partition}:${position.offset}`;
}

/** The position an id names, or undefined when it is not a dead-letter id. */
export function parseDeadLetterId(id: string): DeadLetterPosition | undefined {
  const match = /^([a-z][a-z0-9.-]{0,120}\.dlq):(\d{1,5}):(\d{1,19})$/.exec(id);
  if (!match) return undefined;
  return { dlqTopic: match[1], partition: Number(match[2]), offset: BigInt(match[3]).toString() };
}

function header(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/** A short string field of the envelope, if the value is a JSON object that has one. */
function envelopeField(envelope: unknown, name: string): string | undefined {
  if (typeof envelope !== 'object' || envelope === null) return undefined;
  const value = (envelope as Record<string, unknown>)[name];
  return typeof value === 'string' && value.length <= 200 ? value : undefined;
}

function parseJson(value: Buffer | null): unknown {
  if (!value) return undefined;
  try {
    return JSON.parse(value.toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * What one message of a dead-letter topic says, when `consumerGroup` put it there (undefined otherwise: several
 * groups share a dead-letter topic). The tenant is the envelope's only, never a header's: it decides which
 * administrator sees the message, and the value is what the consumer applies.
 */
export function deadLetterEntryOf(
  message: KafkaMessage,
  physicalDlqTopic: string,
  partition: number,
  consumerGroup: string,
  topicPrefix: string,
): DeadLetterEntry | undefined {
  if (header(message.headers, DlqHeaders.ConsumerGroup) !== consumerGroup) return undefined;
  const dlqTopic = logicalTopic(topicPrefix, physicalDlqTopic) ?? physicalDlqTopic;
  const physicalOriginal = header(message.headers, DlqHeaders.OriginalTopic);
  const envelope = parseJson(message.value);
  const attempts = Number(header(message.headers, DlqHeaders.Attempts));
  const originalPartition = Number(header(message.headers, DlqHeaders.OriginalPartition));
  const originalOffset = header(message.headers, DlqHeaders.OriginalOffset);
  return {
    consumerGroup,
    dlqTopic,
    partition,
    offset: message.offset,
    originalTopic: physicalOriginal
      ? (logicalTopic(topicPrefix, physicalOriginal) ?? physicalOriginal)
      : dlqTopic.replace(/\.dlq$/, ''),
    originalPartition: Number.isInteger(originalPartition) ? originalPartition : -1,
    originalOffset: originalOffset && /^\d{1,19}$/.test(originalOffset) ? originalOffset : '-1',
    eventId: envelopeField(envelope, 'eventId') ?? header(message.headers, EventHeaders.EventId)?.slice(0, 200) ?? null,
    eventType: envelopeField(envelope, 'type') ?? header(message.headers, EventHeaders.Type)?.slice(0, 200) ?? null,
    tenantId: envelopeField(envelope, 'tenantId') ?? null,
    key: message.key,
    value: message.value,
    reason: header(message.headers, DlqHeaders.Error) ?? 'no reason recorded',
    attempts: Number.isInteger(attempts) && attempts >= 0 ? attempts : 0,
    deadLetteredAt: new Date(Number(message.timestamp)),
  };
}
