import {
  EventCatalogue,
  eventAsyncApiDocument,
  eventJsonSchema,
  eventVersionName,
  readEventExamples,
  Topics,
} from '@partner-portal/contracts';
import { people, type RunningPlatform, startPlatform, tokenOf } from '@partner-portal/testing';

// Connector authors read the event contract from the gateway, without signing in: the AsyncAPI document, a page of
// it and each version's JSON Schema; the OpenAPI document describes the events a connector posts by the same schemas.
describe('the event contract served by the gateway (/api/docs/events)', () => {
  let platform: RunningPlatform;
  const tenant = 'tenant-event-docs';
  const who = people(tenant);
  const connectorVersions = EventCatalogue.filter(
    (d) => d.topic === Topics.ErpMasterdata || d.topic === Topics.ErpDocuments,
  );

  beforeAll(async () => {
    platform = await startPlatform('event-docs', [who.admin]);
  }, 120_000);
  afterAll(() => platform?.stop());

  it('serves the AsyncAPI document as JSON to anyone', async () => {
    const response = await platform.call('GET', '/api/docs/events.json');
    expect(response.status).toBe(200);
    expect(response.contentType).toMatch(/^application\/json/);
    expect(response.body).toEqual(JSON.parse(JSON.stringify(eventAsyncApiDocument())));
  });

  it('serves a page listing every topic and every message with its fields, with no script', async () => {
    const response = await platform.call('GET', '/api/docs/events');
    expect(response.status).toBe(200);
    expect(response.contentType).toMatch(/^text\/html/);
    const page = response.body as string;
    for (const topic of Object.values(Topics)) expect(page).toContain(`<h2>${topic}</h2>`);
    for (const definition of EventCatalogue) expect(page).toContain(`<h3>${eventVersionName(definition)}</h3>`);
    expect(page).toContain('<code>payload.lines[].estimatedUnitPrice</code>');
    expect(page).not.toMatch(/<script/i);
  });

  it("serves each version's JSON Schema, and a problem for a version that does not exist", async () => {
    const schema = await platform.call('GET', '/api/docs/events/schemas/PortalOrderSubmitted.v1.json');
    expect(schema.status).toBe(200);
    expect(schema.contentType).toMatch(/^application\/schema\+json/);
    const definition = EventCatalogue.find((d) => eventVersionName(d) === 'PortalOrderSubmitted.v1')!;
    expect(schema.body).toEqual(JSON.parse(JSON.stringify(eventJsonSchema(definition))));
    const missing = await platform.call('GET', '/api/docs/events/schemas/PortalOrderSubmitted.v9.json');
    expect([missing.status, missing.contentType]).toEqual([404, expect.stringMatching(/problem\+json/)]);
  });

  it('describes the events of POST /api/connector/events by type, each version by its envelope schema', async () => {
    const openApi = (await platform.call('GET', '/api/docs-json')).body;
    const body = openApi.paths['/api/connector/events'].post.requestBody.content['application/json'].schema;
    const items = body.properties.events.items;
    expect(items.oneOf.map((s: { $ref: string }) => s.$ref.split('/').pop()).sort()).toEqual(
      connectorVersions.map(eventVersionName).sort(),
    );
    expect(items.discriminator.propertyName).toBe('type');
    expect(openApi.components.schemas['DocumentUpserted.v1'].properties.type).toEqual({
      type: 'string',
      enum: ['DocumentUpserted'],
    });
  });

  it('accepts every example a connector may publish, posted for its own tenant', async () => {
    const admin = await tokenOf(platform, who.admin);
    const key = (
      await platform.call('POST', `/api/admin/tenants/${tenant}/connector-keys`, {
        token: admin,
        body: { label: 'Business Central' },
      })
    ).body.key as string;
    const examples = readEventExamples();
    const events = connectorVersions.map((d) => ({ ...examples.get(eventVersionName(d))!, tenantId: tenant }));
    expect(events).toHaveLength(13);
    const response = await platform.call('POST', '/api/connector/events', {
      headers: { authorization: `ApiKey ${key}` },
      body: { events },
    });
    expect([response.status, response.body]).toEqual([202, { accepted: 13 }]);
  });
});
