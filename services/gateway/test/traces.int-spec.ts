import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Topics } from '@partner-portal/contracts';
import {
  erpPlace,
  masterData,
  partnerUpserted,
  people,
  readTopic,
  startPlatform,
  tokenOf,
  waitFor,
  type RunningPlatform,
} from '@partner-portal/testing';

/** A span as an OTLP collector receives it (OTLP/JSON), with the service that sent it. */
interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
  status?: { code?: number };
}

const SpanKinds = { server: 2, client: 3, producer: 4, consumer: 5 };

type OtlpValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
const valueOf = (value: OtlpValue) => value.stringValue ?? value.intValue ?? value.boolValue ?? value.doubleValue;
const attributesOf = (list: Array<{ key: string; value: OtlpValue }> = []) =>
  Object.fromEntries(list.map(({ key, value }) => [key, valueOf(value)]));

/** A stand-in for an OpenTelemetry collector: takes OTLP/HTTP JSON on /v1/traces and keeps the spans. */
function startCollector(): Promise<{ server: Server; endpoint: string; spans: ReceivedSpan[] }> {
  const spans: ReceivedSpan[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url === '/v1/traces') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        for (const resourceSpans of body.resourceSpans ?? []) {
          const service = String(attributesOf(resourceSpans.resource?.attributes)['service.name']);
          for (const scope of resourceSpans.scopeSpans ?? []) {
            for (const span of scope.spans ?? []) {
              spans.push({ ...span, service, attributes: attributesOf(span.attributes) });
            }
          }
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans }),
    ),
  );
}

const traceIdOf = (traceparent: string | undefined) => traceparent?.split('-')[1];
const spanIdOf = (traceparent: string | undefined) => traceparent?.split('-')[2];

// An operator follows one invitation through the platform in their tracing backend: the administrator's request, the
// services it calls, the events it causes on Kafka and what each consumer did with them, as one trace.
describe('traces', () => {
  let platform: RunningPlatform;
  let collector: Awaited<ReturnType<typeof startCollector>>;
  const tenant = 'tenant-traces';
  const place = erpPlace(tenant);
  const who = people(tenant);
  const admin = `/api/admin/tenants/${tenant}`;
  let token: string;

  beforeAll(async () => {
    collector = await startCollector();
    const otel = {
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    };
    // The services at debug, where the inbox says what it applied.
    platform = await startPlatform('traces', Object.values(who), {
      serviceEnv: { ...otel, LOG_LEVEL: 'debug' },
      gatewayEnv: otel,
    });
    token = await tokenOf(platform, who.admin);
    await platform.publisher.publish(...masterData(place, who));
    await platform.call('POST', `${admin}/cart/lines`, { token, body: { quantity: 1 } });
    const bought = await platform.call('POST', `${admin}/checkout`, {
      token,
      headers: { 'idempotency-key': 'traces-checkout' },
    });
    expect(bought.status).toBe(201);
    await waitFor(
      () => platform.call('GET', `${admin}/overview`, { token }),
      (r) => r.body.module?.extensionInstalled === true && r.body.pool?.available === 1,
      { what: 'the license bought and the ERP extension known' },
    );
  }, 180_000);
  afterAll(async () => {
    await platform?.stop();
    collector?.server.close();
  });

  it("follows one invitation as one trace: the administrator's request, four services and every Kafka hop", async () => {
    const rita = {
      environment: place.environment,
      companyId: place.companyId,
      partnerType: 'customer',
      partnerNo: 'C10000',
      contactNo: 'CT-RITA',
      role: 'authorized_user',
    };
    await waitFor(
      () => platform.call('POST', `${admin}/invitations/bulk`, { token, body: { invitations: [rita], dryRun: true } }),
      (r) => r.body.results?.[0]?.outcome === 'would_create',
      { what: 'Rita invitable (the extension installed, her contact mirrored)' },
    );
    // The administrator's browser (or an API client) traces, and its trace goes on through the platform.
    const traceId = randomBytes(16).toString('hex');
    const clientSpanId = randomBytes(8).toString('hex');

    const invited = await platform.call('POST', `${admin}/invitations`, {
      token,
      body: rita,
      headers: { traceparent: `00-${traceId}-${clientSpanId}-01` },
    });

    expect(invited.status).toBe(201);
    const invitationId = invited.body.invitationId as string;
    await waitFor(
      () => platform.call('GET', `${admin}/invitations/${invitationId}`, { token }),
      (r) => r.body.status === 'invited',
      { what: 'the invitation sent' },
    );
    const inTrace = () => collector.spans.filter((span) => span.traceId === traceId);
    // partner-identity's handling of ContactInvited is the saga's last step, after the e-mail went out.
    const spans = await waitFor(
      inTrace,
      (found) => found.some((s) => s.service === 'partner-identity' && s.kind === SpanKinds.consumer),
      { what: "partner-identity's span of ContactInvited in the trace", timeoutMs: 30_000 },
    );

    // Four services and the gateway took part, each in the same trace.
    expect(new Set(spans.map((s) => s.service))).toEqual(
      new Set(['gateway', 'invitations', 'licensing', 'partner-identity']),
    );
    const gatewayRequest = spans.find((s) => s.service === 'gateway' && s.kind === SpanKinds.server)!;
    expect(gatewayRequest).toMatchObject({
      name: 'POST /api/admin/tenants/:tenantId/invitations',
      parentSpanId: clientSpanId,
      attributes: { 'http.response.status_code': 201 },
    });
    const serviceRequest = spans.find((s) => s.service === 'invitations' && s.kind === SpanKinds.server)!;
    expect(serviceRequest.name).toBe('POST /internal/tenants/:tenantId/invitations');
    expect(spans.find((s) => s.spanId === serviceRequest.parentSpanId)).toMatchObject({
      service: 'gateway',
      kind: SpanKinds.client,
      attributes: { 'peer.service': 'invitations' },
    });

    // The Kafka hop: InvitationRequested left with the trace in its headers, and licensing continued from there.
    const requested = (
      await readTopic(platform.kafkaBrokers, `${platform.topicPrefix}${Topics.InvitationsEvents}`, { count: 1 })
    ).find((m) => m.headers.type === 'InvitationRequested')!;
    expect(traceIdOf(requested.headers.traceparent)).toBe(traceId);
    const created = spans.find((s) => s.spanId === spanIdOf(requested.headers.traceparent));
    expect(created).toMatchObject({
      service: 'invitations',
      kind: SpanKinds.producer,
      name: 'create invitations.events',
      attributes: { 'messaging.message.id': requested.headers.eventId },
    });
    expect(spans).toContainEqual(
      expect.objectContaining({
        service: 'licensing',
        kind: SpanKinds.consumer,
        name: 'process invitations.events',
        parentSpanId: created!.spanId,
        attributes: expect.objectContaining({ 'messaging.consumer.group.name': expect.any(String) }),
      }),
    );
    // ... and licensing's answer came back to invitations, which sent the e-mail in the same trace.
    const licensingEvents = await readTopic(
      platform.kafkaBrokers,
      `${platform.topicPrefix}${Topics.LicensingEvents}`,
      { count: 2 }, // the purchase's, then the hold's
    );
    expect(licensingEvents.map((m) => traceIdOf(m.headers.traceparent))).toContain(traceId);
    expect(spans).toContainEqual(
      expect.objectContaining({ service: 'invitations', kind: SpanKinds.consumer, name: 'process licensing.events' }),
    );
    expect(spans).toContainEqual(
      expect.objectContaining({
        service: 'invitations',
        name: 'send invitation e-mail',
        attributes: expect.objectContaining({ 'portal.invitation.id': invitationId }),
      }),
    );

    // One tree: every span's parent is in the trace, but the root's, which is the caller's span.
    const ids = new Set(spans.map((s) => s.spanId));
    expect(spans.filter((s) => !ids.has(s.parentSpanId ?? '')).map((s) => [s.service, s.name, s.parentSpanId])).toEqual(
      [['gateway', gatewayRequest.name, clientSpanId]],
    );
    expect(spans.filter((s) => s.status?.code === 2)).toEqual([]);

    // The log lines written during the trace carry its id, so an operator goes from a trace to its lines.
    const linesOf = (service: 'gateway' | 'licensing') =>
      platform.services[service]
        .output()
        .split('\n')
        .filter((line) => line.includes(traceId))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(linesOf('gateway')).toContainEqual(
      expect.objectContaining({ msg: 'request', route: gatewayRequest.name.split(' ')[1], traceId }),
    );
    expect(linesOf('licensing')).toContainEqual(
      expect.objectContaining({
        msg: 'events applied',
        traceId,
        spanId: spans.find((s) => s.service === 'licensing' && s.kind === SpanKinds.consumer)!.spanId,
      }),
    );
  }, 120_000);

  it("continues a connector's trace from its HTTP call into Kafka and into each service that consumes the event", async () => {
    const key = await platform.call('POST', `${admin}/connector-keys`, { token, body: { label: 'traces' } });
    expect(key.status).toBe(201);
    const traceId = randomBytes(16).toString('hex');
    const partner = partnerUpserted(place, { partnerNo: 'C20000', name: 'Traced Trading' });

    const sent = await platform.call('POST', '/api/connector/events', {
      headers: { authorization: `ApiKey ${key.body.key}`, traceparent: `00-${traceId}-${'ab'.repeat(8)}-01` },
      body: { events: [partner] },
    });

    expect(sent.status).toBe(202);
    const onKafka = await waitFor(
      async () =>
        (
          await readTopic(platform.kafkaBrokers, `${platform.topicPrefix}${Topics.ErpMasterdata}`, {
            count: 100,
            timeoutMs: 1_000,
          })
        ).find((m) => m.headers.eventId === partner.eventId),
      Boolean,
      { what: "the connector's event on Kafka" },
    );
    const publish = collector.spans.find((s) => s.spanId === spanIdOf(onKafka!.headers.traceparent));
    expect(publish).toMatchObject({ service: 'gateway', name: 'send connector events', traceId });
    // Every service that mirrors partners applied it in the connector's trace.
    const consumers = await waitFor(
      () => collector.spans.filter((s) => s.traceId === traceId && s.kind === SpanKinds.consumer),
      (found) => found.length >= 3,
      { what: 'the consumers of the event in the trace', timeoutMs: 30_000 },
    );
    expect(new Set(consumers.map((s) => s.service))).toEqual(
      new Set(['partner-identity', 'invitations', 'document-projection']),
    );
    expect(consumers.map((s) => s.parentSpanId)).toEqual(consumers.map(() => publish!.spanId));
  }, 60_000);
});
