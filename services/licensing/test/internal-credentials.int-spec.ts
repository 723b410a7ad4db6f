import { adminOf, TEST_GATEWAY_TOKEN, TEST_OPERATOR_TOKEN } from '@partner-portal/testing';
import { startService, type RunningLicensing } from './licensing.harness';

// Each caller's credential opens only its own routes (libs/internal-api's guard, the same in every service).
describe('the credential each route of the internal API takes', () => {
  let service: RunningLicensing;
  const tenant = 'tenant-credentials';
  const plan = `/internal/operator/tenants/${tenant}/plan`;
  const overview = `/internal/tenants/${tenant}/overview`;
  const problem = (status: number, detail: string) => ({
    status,
    contentType: expect.stringContaining('application/problem+json'),
    body: expect.objectContaining({ status, detail }),
  });

  beforeAll(async () => {
    service = await startService('credentials');
  });
  afterAll(() => service.stop());

  it("opens the operator routes with the operators' credential, and refuses the gateway's 403", async () => {
    expect((await service.request('GET', plan, { token: TEST_OPERATOR_TOKEN })).status).toBe(200);
    expect(await service.request('GET', plan, { token: TEST_GATEWAY_TOKEN })).toMatchObject(
      problem(403, "this route is for operators; the gateway's credential does not open it"),
    );
    const deadLetters = await service.request('GET', '/internal/operator/dead-letters', { token: TEST_GATEWAY_TOKEN });
    expect(deadLetters.status).toBe(403);
    const replay = await service.request('POST', '/internal/operator/dead-letters/replay', {
      token: TEST_GATEWAY_TOKEN,
      body: { ids: ['licensing.dlq:0:0'] },
    });
    expect(replay.status).toBe(403);
  });

  it("opens the tenant routes with the gateway's credential, and refuses the operators' 403", async () => {
    const admin = adminOf(tenant);
    expect((await service.request('GET', overview, { principal: admin, token: TEST_GATEWAY_TOKEN })).status).toBe(200);
    expect(await service.request('GET', overview, { principal: admin, token: TEST_OPERATOR_TOKEN })).toMatchObject(
      problem(403, "this route is for the gateway; an operator's credential does not open it"),
    );
  });

  it('answers a missing or unknown credential 401, saying whose is required', async () => {
    expect(await service.request('GET', plan, { token: null })).toMatchObject(
      problem(401, 'a valid operator credential is required'),
    );
    expect(await service.request('GET', plan, { token: 'not-anybodys-credential' })).toMatchObject(
      problem(401, 'a valid operator credential is required'),
    );
    expect(await service.request('GET', overview, { principal: adminOf(tenant), token: null })).toMatchObject(
      problem(401, 'a valid internal service credential is required'),
    );
  });

  it('goes by the route matched, not by how the URL is spelt', async () => {
    const spelt = `/Internal/OPERATOR/tenants/${tenant}/plan`;
    expect((await service.request('GET', spelt, { token: TEST_GATEWAY_TOKEN })).status).toBe(403);
  });

  it('needs no credential on health and metrics', async () => {
    expect((await service.request('GET', '/health/live', { token: null })).status).toBe(200);
    expect((await fetch(`${service.baseUrl}/metrics`)).status).toBe(200);
  });
});

// A rotation: the services take the new value and keep the previous one until every caller has the new one.
describe('a credential being rotated', () => {
  let service: RunningLicensing;
  const tenant = 'tenant-rotation';
  const previous = { gateway: 'the-gateway-credential-of-last-month', operator: 'operators-credential-of-last-month' };

  beforeAll(async () => {
    service = await startService('rotation', {
      GATEWAY_API_TOKEN_PREVIOUS: previous.gateway,
      OPERATOR_API_TOKEN_PREVIOUS: previous.operator,
    });
  });
  afterAll(() => service.stop());

  it('opens each route with its caller’s new value and its previous one, and never with the other caller’s', async () => {
    const overview = (token: string) =>
      service.request('GET', `/internal/tenants/${tenant}/overview`, { principal: adminOf(tenant), token });
    const plan = (token: string) => service.request('GET', `/internal/operator/tenants/${tenant}/plan`, { token });
    expect((await overview(TEST_GATEWAY_TOKEN)).status).toBe(200);
    expect((await overview(previous.gateway)).status).toBe(200);
    expect((await plan(TEST_OPERATOR_TOKEN)).status).toBe(200);
    expect((await plan(previous.operator)).status).toBe(200);
    expect((await plan(previous.gateway)).status).toBe(403);
    expect((await overview(previous.operator)).status).toBe(403);
  });
});
