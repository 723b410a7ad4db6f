import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { decodeEvent, eventJsonSchema, findEventVersion, readEventExamples } from '../index';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = Array<string | number>;

const ajv = addFormats(new Ajv({ allErrors: true }));
const examples = [...readEventExamples()] as unknown as Array<[string, Json]>;
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/** Every place in a value that holds something, arrays by their first element (the rest are alike). */
function pathsOf(value: Json, at: Path = []): Path[] {
  if (Array.isArray(value)) return value.length > 0 ? [[...at, 0], ...pathsOf(value[0], [...at, 0])] : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => [[...at, key], ...pathsOf(child, [...at, key])]);
}

function objectsOf(value: Json, at: Path = []): Path[] {
  if (Array.isArray(value)) return value.length > 0 ? objectsOf(value[0], [...at, 0]) : [];
  if (value === null || typeof value !== 'object') return [];
  return [at, ...Object.entries(value).flatMap(([key, child]) => objectsOf(child, [...at, key]))];
}

function at(value: Json, path: Path): Json {
  return path.reduce<Json>((node, key) => (node as Record<string, Json>)[key], value);
}

/** A copy of `value` with what is at `path` replaced (or removed, for `undefined`). */
function changed(value: Json, path: Path, to: Json | undefined): Json {
  const copy = clone(value);
  const parent = at(copy, path.slice(0, -1)) as Record<string | number, Json>;
  const key = path[path.length - 1];
  if (to === undefined && Array.isArray(parent)) parent.splice(key as number, 1);
  else if (to === undefined) delete parent[key];
  else parent[key] = to;
  return copy;
}

const wrongTypeOf = (value: Json): Json =>
  typeof value === 'string' ? 12345 : typeof value === 'object' && value !== null ? 'text' : 'not-the-right-type';

/** Strings that break one rule or another: blank, untrimmed, too long, not a number, date, time, uuid or code. */
const BROKEN_STRINGS = [
  '',
  ' ',
  'x'.repeat(256),
  '12.5 ',
  '1,50',
  '12.1234567',
  '2026-02-30',
  '2026-11-02 09:15',
  '2026-11-02T09:15:00+01:00',
  '0bee06dc-7f25-00e1-a921-aef939826067',
  'nl_NL',
  'no-such-value',
];

function mutationsOf(example: Json): Array<{ what: string; event: Json }> {
  return pathsOf(example).flatMap((path) => {
    const value = at(example, path);
    const where = path.join('.');
    return [
      { what: `${where} removed`, event: changed(example, path, undefined) },
      { what: `${where} null`, event: changed(example, path, null) },
      { what: `${where} of the wrong type`, event: changed(example, path, wrongTypeOf(value)) },
      ...(typeof value === 'string'
        ? [`${value} `, ...BROKEN_STRINGS].map((broken) => ({
            what: `${where} = ${JSON.stringify(broken).slice(0, 20)}`,
            event: changed(example, path, broken),
          }))
        : []),
    ];
  });
}

describe.each(examples)('the JSON Schema of %s', (name, example) => {
  const definition = findEventVersion(name)!;
  const schema = ajv.compile(eventJsonSchema(definition));
  const runtimeAccepts = (event: Json) => {
    const decoded = decodeEvent(clone(event));
    return decoded.kind === 'event' && decoded.definition === definition;
  };
  const verdicts = (event: Json) => ({ schema: schema(event), runtime: runtimeAccepts(event) });

  it('accepts the example, as the runtime validator does', () => {
    expect(verdicts(example)).toEqual({ schema: true, runtime: true });
  });

  it('refuses a field of the wrong type anywhere, as the runtime validator does', () => {
    for (const path of pathsOf(example)) {
      const event = changed(example, path, wrongTypeOf(at(example, path)));
      expect([path.join('.'), verdicts(event)]).toEqual([path.join('.'), { schema: false, runtime: false }]);
    }
  });

  it('agrees with the runtime validator on every removed, null or broken field', () => {
    const mutations = mutationsOf(example);
    const disagreements = mutations
      .map(({ what, event }) => ({ what, ...verdicts(event) }))
      .filter((verdict) => verdict.schema !== verdict.runtime);
    expect(disagreements).toEqual([]);
    // Not vacuous: the envelope's fields, at least, are required.
    expect(mutations.filter(({ event }) => !runtimeAccepts(event)).length).toBeGreaterThan(8);
  });

  it('tolerates a field it does not know in every object, as the runtime validator does', () => {
    for (const path of objectsOf(example)) {
      const event = changed(example, [...path, 'someFutureField'], 'x');
      expect([path.join('.'), verdicts(event)]).toEqual([path.join('.'), { schema: true, runtime: true }]);
    }
  });

  it('refuses another type or version in the envelope', () => {
    const event = example as { type: string; version: number };
    expect(verdicts({ ...event, version: event.version + 1 })).toEqual({ schema: false, runtime: false });
    expect(verdicts({ ...event, type: `${event.type}X` }).schema).toBe(false);
  });
});

describe('conditional rules (who asked for an invitation)', () => {
  const definition = findEventVersion('InvitationRequested.v2')!;
  const schema = ajv.compile(eventJsonSchema(definition));
  const example = readEventExamples().get('InvitationRequested.v2') as unknown as { payload: { requestedBy: object } };
  const withActor = (requestedBy: object) => ({ ...clone(example), payload: { ...example.payload, requestedBy } });
  const verdicts = (event: object) => ({
    schema: schema(event),
    runtime: decodeEvent(clone(event)).kind === 'event',
  });

  it.each([
    [{ kind: 'erp' }, true],
    [{ kind: 'erp', subject: 42 }, true],
    [{ kind: 'admin', subject: 'a1b2c3' }, true],
    [{ kind: 'admin' }, false],
    [{ kind: 'partner', subject: 'a1b2c3' }, false],
    [{ kind: 'partner', subject: 'a1b2c3', membershipId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' }, true],
    [{ kind: 'robot' }, false],
  ])('decides %j like the runtime validator', (actor, valid) => {
    expect(verdicts(withActor(actor))).toEqual({ schema: valid, runtime: valid });
  });
});
