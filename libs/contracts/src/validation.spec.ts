// Through the index, which loads reflect-metadata for the catalogue's decorators.
import { parseEvent, unstorableFields } from './index';

describe('unstorableFields: what no schema names', () => {
  it('names every NUL character by its path, in values and in lists', () => {
    expect(unstorableFields({ name: 'a\u0000b', lines: [{ itemNo: 'ok' }, { itemNo: '\u0000' }] })).toEqual([
      { field: 'name', reason: 'must not contain the NUL character (U+0000)' },
      { field: 'lines[1].itemNo', reason: 'must not contain the NUL character (U+0000)' },
    ]);
    expect(unstorableFields('x\u0000', 'search')).toEqual([
      { field: 'search', reason: 'must not contain the NUL character (U+0000)' },
    ]);
  });

  it('refuses a __proto__ key that JSON.parse kept, and nesting no contract has', () => {
    expect(unstorableFields(JSON.parse('{"a": {"__proto__": {"admin": true}}}'))).toEqual([
      { field: 'a.__proto__', reason: 'property __proto__ should not exist' },
    ]);
    const deep = JSON.parse(`${'['.repeat(100)}${']'.repeat(100)}`);
    expect(unstorableFields(deep)).toEqual([{ field: expect.any(String), reason: 'is nested deeper than 64 levels' }]);
  });

  it('finds nothing in ordinary data, including text that only mentions the escape', () => {
    expect(unstorableFields({ name: 'Fabrikam', note: 'writes \\u0000 as text', n: 1, none: null })).toEqual([]);
  });

  it('makes a Kafka message with a NUL invalid, so that it is dead-lettered at once', () => {
    const decoded = parseEvent(JSON.stringify({ type: 'PartnerUpserted', payload: { name: 'a\u0000' } }));
    expect(decoded).toEqual({
      kind: 'invalid',
      errors: [{ field: 'payload.name', reason: 'must not contain the NUL character (U+0000)' }],
    });
  });
});
