import {
  PLATFORM_SERVICES,
  startPlatform,
  testAccount,
  tokenOf,
  waitFor,
  type RunningPlatform,
} from '@partner-portal/testing';

type LogRecord = Record<string, unknown>;

// What operators read (docs/observability.md): one JSON line shape from every process, one request followed from the
// gateway into a service by its request id, and no secret in any line.
describe('the logs', () => {
  let platform: RunningPlatform;
  let token: string;
  const tenant = 'tenant-logs';
  const admin = testAccount('admin-logs', { roles: ['PartnerPortal.Administrator'], tenants: [tenant] });
  const processes = ['gateway', ...PLATFORM_SERVICES] as const;

  /** Every line a process printed, parsed; a line that is not JSON fails the test, naming the process and the line. */
  const records = (name: (typeof processes)[number]): LogRecord[] =>
    platform.services[name]
      .output()
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        try {
          return JSON.parse(line) as LogRecord;
        } catch {
          throw new Error(`${name} printed a line that is not JSON: ${line}`);
        }
      });

  beforeAll(async () => {
    // The services at debug, which adds their own line per request; the gateway at the default level.
    platform = await startPlatform('logs', [admin], { serviceEnv: { LOG_LEVEL: 'debug' } });
    token = await tokenOf(platform, admin);
  }, 120_000);
  afterAll(() => platform?.stop());

  it("joins the gateway's request line and the service's lines for that request on the request id", async () => {
    const requestId = 'logs-probe-connector-key';

    const created = await platform.call('POST', `/api/admin/tenants/${tenant}/connector-keys`, {
      token,
      body: { label: 'logs' },
      headers: { 'x-request-id': requestId },
    });

    expect(created.status).toBe(201);
    const gatewayLine = await waitFor(
      () => records('gateway').find((record) => record.msg === 'request' && record.requestId === requestId),
      Boolean,
      { what: "the gateway's request line", timeoutMs: 5_000 },
    );
    expect(gatewayLine).toEqual({
      level: 'info',
      time: expect.any(String),
      service: 'gateway',
      requestId,
      context: 'http',
      method: 'POST',
      route: '/api/admin/tenants/:tenantId/connector-keys',
      status: 201,
      durationMs: expect.any(Number),
      clientAddress: expect.any(String),
      subject: admin.subject,
      tenantId: tenant,
      msg: 'request',
    });
    const serviceLines = await waitFor(
      () => records('partner-identity').filter((record) => record.requestId === requestId),
      (lines) => lines.length > 0,
      { what: "partner-identity's lines of the request", timeoutMs: 5_000 },
    );
    expect(serviceLines).toContainEqual(
      expect.objectContaining({
        level: 'debug',
        service: 'partner-identity',
        tenantId: tenant,
        context: 'http',
        method: 'POST',
        route: '/internal/tenants/:tenantId/connector-keys',
        status: 201,
        msg: 'request',
      }),
    );
  });

  it("carries a caller's trace id onto the lines of the gateway and the service, with export off", async () => {
    const traceId = '5d3c1f0a9b8e7d6c5b4a392817060504';
    const requestId = 'logs-probe-traceparent';

    const created = await platform.call('POST', `/api/admin/tenants/${tenant}/connector-keys`, {
      token,
      body: { label: 'traced' },
      headers: { 'x-request-id': requestId, traceparent: `00-${traceId}-a1b2c3d4e5f60718-01` },
    });

    expect(created.status).toBe(201);
    const ofRequest = (name: 'gateway' | 'partner-identity') =>
      records(name).filter((record) => record.requestId === requestId && record.msg === 'request');
    const [gatewayLine, serviceLine] = await waitFor(
      () => [ofRequest('gateway')[0], ofRequest('partner-identity')[0]],
      (lines) => lines.every(Boolean),
      { what: 'both request lines', timeoutMs: 5_000 },
    );
    // Nothing is exported, so no span of the platform's own: the lines carry the caller's trace and span.
    expect([gatewayLine, serviceLine].map((line) => [line.traceId, line.spanId])).toEqual([
      [traceId, 'a1b2c3d4e5f60718'],
      [traceId, 'a1b2c3d4e5f60718'],
    ]);
  });

  it('writes every line of every process as JSON of one shape, and no secret in any', async () => {
    const created = await platform.call('POST', `/api/admin/tenants/${tenant}/connector-keys`, {
      token,
      body: { label: 'secret-probe' },
    });
    expect(created.body.key).toMatch(/^ppck_/);
    await platform.call('GET', '/api/connector/whoami', { headers: { authorization: `ApiKey ${created.body.key}` } });

    for (const name of processes) {
      const lines = records(name);
      expect(lines.length).toBeGreaterThan(0);
      for (const record of lines) {
        expect({ name, record }).toEqual({
          name,
          record: expect.objectContaining({
            level: expect.stringMatching(/^(fatal|error|warn|info|debug|trace)$/),
            time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
            service: name,
            msg: expect.any(String),
          }),
        });
      }
      const output = platform.services[name].output();
      for (const secret of [created.body.key, token])
        expect({ name, leaked: output.includes(secret) }).toEqual({ name, leaked: false });
    }
  });
});
