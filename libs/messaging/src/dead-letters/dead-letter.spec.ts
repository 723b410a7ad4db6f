import type { KafkaMessage } from 'kafkajs';
import { DlqHeaders, EventHeaders } from '@partner-portal/contracts';
import { deadLetterEntryOf, deadLetterId, parseDeadLetterId } from './dead-letter';

function dlqMessage(value: string | null, headers: Record<string, string>): KafkaMessage {
  return {
    key: Buffer.from('k'),
    value: value === null ? null : Buffer.from(value),
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.from(v)])),
    offset: '42',
    timestamp: '1767225600000',
    attributes: 0,
  } as KafkaMessage;
}

const dlqHeaders = {
  [DlqHeaders.Error]: 'RangeError: version 13 is cursed',
  [DlqHeaders.Attempts]: '5',
  [DlqHeaders.OriginalTopic]: 't-x.erp.documents',
  [DlqHeaders.OriginalPartition]: '3',
  [DlqHeaders.OriginalOffset]: '17',
  [DlqHeaders.ConsumerGroup]: 'document-projection',
};

describe('a dead letter read from its topic', () => {
  it('names its position as <topic>.dlq:<partition>:<offset> and reads that id back', () => {
    const id = deadLetterId({ dlqTopic: 'erp.documents.dlq', partition: 3, offset: '42' });
    expect(id).toBe('erp.documents.dlq:3:42');
    expect(parseDeadLetterId(id)).toEqual({ dlqTopic: 'erp.documents.dlq', partition: 3, offset: '42' });
    expect(parseDeadLetterId('erp.documents:3:42')).toBeUndefined();
    expect(parseDeadLetterId('erp.documents.dlq:3:-1')).toBeUndefined();
  });

  it('keeps origin, reason, attempts and the envelope fields, without the test prefix', () => {
    const envelope = { eventId: 'e-1', type: 'DocumentUpserted', tenantId: 'demo', payload: {} };
    const entry = deadLetterEntryOf(
      dlqMessage(JSON.stringify(envelope), dlqHeaders),
      't-x.erp.documents.dlq',
      3,
      'document-projection',
      't-x.',
    );
    expect(entry).toMatchObject({
      dlqTopic: 'erp.documents.dlq',
      partition: 3,
      offset: '42',
      originalTopic: 'erp.documents',
      originalPartition: 3,
      originalOffset: '17',
      eventId: 'e-1',
      eventType: 'DocumentUpserted',
      tenantId: 'demo',
      reason: 'RangeError: version 13 is cursed',
      attempts: 5,
      deadLetteredAt: new Date('2026-01-01T00:00:00.000Z'),
    });
  });

  it("skips another consumer group's dead letter on the shared topic", () => {
    expect(deadLetterEntryOf(dlqMessage('{}', dlqHeaders), 'erp.documents.dlq', 3, 'licensing', '')).toBeUndefined();
  });

  it('takes the tenant only from the envelope, never from a header, so a message that is not JSON has none', () => {
    const entry = deadLetterEntryOf(
      dlqMessage('not json', { ...dlqHeaders, [EventHeaders.TenantId]: 'demo', [EventHeaders.EventId]: 'e-2' }),
      'erp.documents.dlq',
      3,
      'document-projection',
      '',
    );
    expect(entry).toMatchObject({ tenantId: null, eventId: 'e-2', eventType: null });
  });
});
