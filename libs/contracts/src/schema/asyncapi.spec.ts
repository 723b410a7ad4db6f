import { schemas as asyncApiSpecs } from '@asyncapi/specs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { EventCatalogue, eventAsyncApiDocument, eventVersionName, keyRuleOf, Topics } from '../index';

const document = eventAsyncApiDocument();

/** Every `$ref` in the document, with where it stands. */
function refsOf(value: unknown, at = '#'): Array<{ at: string; ref: string }> {
  if (Array.isArray(value)) return value.flatMap((item, index) => refsOf(item, `${at}/${index}`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key === '$ref' && typeof child === 'string' ? [{ at, ref: child }] : refsOf(child, `${at}/${key}`),
  );
}

function resolve(pointer: string): unknown {
  return pointer
    .slice(2)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, token) => (node as Record<string, unknown> | undefined)?.[token], document);
}

describe('the AsyncAPI document of the events', () => {
  it('is a valid AsyncAPI 3.0 document', () => {
    // The specification bundles the draft-07 meta-schema it builds on, so Ajv must not add its own copy.
    const ajv = addFormats(new Ajv({ meta: false, validateSchema: false, strict: false, allErrors: true }));
    const validate = ajv.compile(asyncApiSpecs['3.0.0']);
    expect(document.asyncapi).toBe('3.0.0');
    expect([validate(document), validate.errors ?? []]).toEqual([true, []]);
    expect(validate({ ...document, operations: { publishSomething: { action: 'publish' } } })).toBe(false);
  });

  it('resolves every $ref inside itself', () => {
    const refs = refsOf(document);
    expect(refs.length).toBeGreaterThan(100);
    expect(refs.filter(({ ref }) => !ref.startsWith('#/') || resolve(ref) === undefined)).toEqual([]);
  });

  it('has one channel per topic at its address, and a message on it for every event version of the catalogue', () => {
    const channels = Object.values(document.channels) as Array<{ address: string; messages: object }>;
    expect(channels.map((c) => c.address).sort()).toEqual(Object.values(Topics).sort());
    for (const definition of EventCatalogue) {
      const channel = channels.find((c) => c.address === definition.topic)!;
      expect(Object.keys(channel.messages)).toContain(eventVersionName(definition));
    }
    expect(Object.keys(document.components.messages).sort()).toEqual(EventCatalogue.map(eventVersionName).sort());
  });

  it('says who publishes and who consumes: connectors publish erp.*, the platform publishes portal.orders', () => {
    expect(document.channels.erpMasterdata.description).toContain('ERP connectors');
    expect(document.operations.receiveErpDocuments).toMatchObject({ action: 'receive' });
    expect(document.operations.sendErpDocuments).toBeUndefined();
    expect(document.operations.sendPortalOrders).toMatchObject({ action: 'send' });
    expect(document.channels.portalOrders.description).toMatch(/Consumed by ERP connectors/);
  });

  it('gives each message its key rule, its headers and an example that its own schema accepts', () => {
    const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
    ajv.addSchema({ ...document, $id: 'asyncapi' });
    for (const definition of EventCatalogue) {
      const name = eventVersionName(definition);
      const message = document.components.messages[name] as {
        bindings: { kafka: { key: { description: string } } };
        headers: { required: string[] };
        examples: Array<{ headers: object; payload: object }>;
      };
      expect(message.bindings.kafka.key.description).toContain(keyRuleOf(definition));
      expect(message.headers.required.sort()).toEqual(['correlationId', 'eventId', 'tenantId', 'type', 'version']);
      expect(message.examples).toHaveLength(1);
      const payload = ajv.getSchema(`asyncapi#/components/schemas/${name}`)!;
      const headers = ajv.getSchema(`asyncapi#/components/messages/${name}/headers`)!;
      expect([name, payload(message.examples[0].payload), headers(message.examples[0].headers)]).toEqual([
        name,
        true,
        true,
      ]);
    }
  });

  it('reads the key rule from the definition', () => {
    const partnerScoped = EventCatalogue.find((d) => d.type === 'PortalOrderSubmitted')!;
    expect(keyRuleOf(partnerScoped)).toBe('{tenantId}|{payload.environment}|{payload.companyId}|{payload.partnerNo}');
  });
});
