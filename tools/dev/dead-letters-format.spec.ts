import { deadLetterTable, parseDeadLettersArgs, replayLine } from './dead-letters-format';

describe('npm run dead-letters', () => {
  it('reads a list with its filters and the service to ask', () => {
    expect(
      parseDeadLettersArgs(['list', '--service', 'licensing', '--topic', 'erp.documents', '--tenant', 'demo']),
    ).toEqual({ kind: 'list', service: 'licensing', query: { topic: 'erp.documents', tenantId: 'demo' } });
  });

  it('reads the ids of a replay', () => {
    expect(parseDeadLettersArgs(['replay', 'erp.documents.dlq:3:17', 'erp.masterdata.dlq:0:2'])).toEqual({
      kind: 'replay',
      service: undefined,
      ids: ['erp.documents.dlq:3:17', 'erp.masterdata.dlq:0:2'],
    });
  });

  it('refuses a replay without ids, an unknown command and an option without its value, showing the usage', () => {
    expect(() => parseDeadLettersArgs(['replay'])).toThrow(/at least one dead-letter id[\s\S]*usage:/);
    expect(() => parseDeadLettersArgs(['purge'])).toThrow(/usage:/);
    expect(() => parseDeadLettersArgs(['list', '--topic'])).toThrow(/--topic needs a value/);
    expect(() => parseDeadLettersArgs(['list', 'erp.documents.dlq:3:17'])).toThrow(/unknown argument/);
  });

  it('prints dead letters as aligned columns with the reason last, on one line each', () => {
    const table = deadLetterTable(
      [
        {
          id: 'erp.documents.dlq:3:17',
          consumerGroup: 'document-projection',
          topic: 'erp.documents',
          eventId: '0b6f8d5e-1111-4c3a-9d2e-000000000001',
          type: 'DocumentUpserted',
          tenantId: 'demo',
          reason: 'payload.erpVersion: erpVersion must not be\nless than 0',
          attempts: 0,
          deadLetteredAt: '2026-01-02T03:04:05.000Z',
          status: 'dead',
          replayAttempts: 1,
        },
      ],
      30,
    ).split('\n');
    expect(table).toHaveLength(2);
    expect(table[0].indexOf('ID')).toBe(table[1].indexOf('erp.documents.dlq:3:17'));
    expect(table[1]).toMatch(/dead +0\+1 +payload\.erpVersion: erpVersio…$/);
  });

  it('prints one line per replay outcome, with the service and the reason of a failure', () => {
    expect(replayLine({ id: 'erp.documents.dlq:3:17', outcome: 'replayed', reason: null, service: 'licensing' })).toBe(
      'erp.documents.dlq:3:17  replayed (licensing)',
    );
    expect(
      replayLine({ id: 'erp.documents.dlq:3:18', outcome: 'failed', reason: 'RangeError: no', service: 'x' }),
    ).toBe('erp.documents.dlq:3:18  failed (x): RangeError: no');
  });
});
