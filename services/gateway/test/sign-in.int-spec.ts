import { createHmac } from 'node:crypto';
import { PortalRole } from '@partner-portal/contracts';
import {
  CONTACTS,
  erpPlace,
  grantMembership,
  masterData,
  people,
  type RunningPlatform,
  SHORT_LIVED_CLIENT,
  signIn,
  startPlatform,
  startTestIdentityProvider,
  tokenOf,
} from '@partner-portal/testing';

const base64url = (value: object | string) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());

// Sign-in, the choice of membership, and what operators and browsers see of the gateway.
describe('the gateway door', () => {
  let platform: RunningPlatform;
  const tenant = 'tenant-door';
  const place = erpPlace(tenant);
  const who = people(tenant);
  const documents = (token?: string, headers: Record<string, string> = {}) =>
    platform.call('GET', '/api/portal/documents', { token, headers });

  beforeAll(async () => {
    platform = await startPlatform('door', Object.values(who), {
      gatewayEnv: {
        OIDC_CLOCK_TOLERANCE_SECONDS: '0',
        ACCEPT_RATE_LIMIT_PER_MINUTE: '3',
        CORS_ORIGINS: 'https://portal.example.test',
      },
    });
    await platform.publisher.publish(...masterData(place, who));
  }, 120_000);
  afterAll(() => platform?.stop());

  describe('refuses every token but a valid access token of the issuer for this API, with 401', () => {
    const refused = async (token: string | undefined, reason: RegExp) => {
      const response = await platform.call('GET', '/api/portal/me', { token });
      expect(response.status).toBe(401);
      expect(response.contentType).toContain('application/problem+json');
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(response.body.detail).toMatch(reason);
    };

    it('accepts a real token, and refuses no token or a malformed one', async () => {
      const token = await tokenOf(platform, who.rita);
      expect((await platform.call('GET', '/api/portal/me', { token })).status).toBe(200);
      await refused(undefined, /bearer token is required/);
      await refused('not-a-jwt', /malformed/);
    });

    it('refuses a tampered token', async () => {
      const [header, , signature] = (await tokenOf(platform, who.rita)).split('.');
      const claims = { ...claimsOf(await tokenOf(platform, who.rita)), sub: who.admin.subject };
      await refused(`${header}.${base64url(claims)}.${signature}`, /signature is invalid/);
    });

    it("refuses `alg: none` and a token signed with the issuer's public key as an HMAC secret", async () => {
      const claims = claimsOf(await tokenOf(platform, who.rita));
      await refused(`${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`, /algorithm|malformed/);
      const jwks = (await (await fetch(`${platform.issuer}/jwks`)).json()) as { keys: Array<{ kid: string }> };
      const unsigned = `${base64url({ alg: 'HS256', typ: 'JWT', kid: jwks.keys[0].kid })}.${base64url(claims)}`;
      const forged = createHmac('sha256', JSON.stringify(jwks.keys[0])).update(unsigned).digest('base64url');
      await refused(`${unsigned}.${forged}`, /algorithm/);
    });

    it('refuses a token of another issuer, for another audience, an ID token, and an expired one', async () => {
      const elsewhere = await startTestIdentityProvider([who.rita]);
      try {
        await refused((await signIn(elsewhere.issuer, who.rita)).accessToken, /key|iss/);
      } finally {
        await elsewhere.stop();
      }
      await refused((await signIn(platform.issuer, who.rita, { resource: 'api://another-api' })).accessToken, /aud/);
      await refused((await signIn(platform.issuer, who.rita)).idToken, /aud/);
      const shortLived = (await signIn(platform.issuer, who.rita, { client: SHORT_LIVED_CLIENT })).accessToken;
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      await refused(shortLived, /expired/);
    });
  });

  it('lets a person with several memberships act through one it names, and refuses one it does not hold', async () => {
    const ritaAtFabrikam = await grantMembership(
      platform,
      place,
      who.rita,
      CONTACTS.rita,
      PortalRole.CustomerRepresentative,
    );
    const ritaAtContoso = await grantMembership(platform, place, who.rita, CONTACTS.victor, PortalRole.AuthorizedUser);
    const aaronsOwn = await grantMembership(platform, place, who.aaron, CONTACTS.aaron, PortalRole.AuthorizedUser);
    const rita = await tokenOf(platform, who.rita);

    const unnamed = await documents(rita);
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.errors).toEqual([
      { field: 'X-Portal-Membership', reason: expect.stringContaining('2 memberships') },
    ]);
    expect((await documents(rita, { 'x-portal-membership': ritaAtFabrikam })).status).toBe(200);
    expect((await documents(rita, { 'x-portal-membership': ritaAtContoso })).status).toBe(200);
    expect((await documents(rita, { 'x-portal-membership': aaronsOwn })).status).toBe(403);
    expect((await documents(rita, { 'x-portal-membership': 'nope' })).status).toBe(400);
    // Aaron holds one membership: he need not name it.
    expect((await documents(await tokenOf(platform, who.aaron))).status).toBe(200);
    // Uma has no portal access at all.
    const uma = await documents(await tokenOf(platform, who.uma));
    expect(uma.status).toBe(403);
    expect(uma.body.detail).toMatch(/no active portal access/);
  });

  it('answers with a request id, security headers, and CORS only for configured origins', async () => {
    const response = await fetch(`${platform.gatewayUrl}/health/live`, {
      headers: { 'x-request-id': 'probe-12345678' },
    });
    expect(response.headers.get('x-request-id')).toBe('probe-12345678');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-powered-by')).toBeNull();
    const fresh = await fetch(`${platform.gatewayUrl}/health/live`, { headers: { 'x-request-id': 'bad id!' } });
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    const preflight = (origin: string) =>
      fetch(`${platform.gatewayUrl}/api/portal/me`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
    expect((await preflight('https://portal.example.test')).headers.get('access-control-allow-origin')).toBe(
      'https://portal.example.test',
    );
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('is ready when Kafka and the issuer answer, and exposes its metrics', async () => {
    const ready = await platform.call('GET', '/health/ready');
    expect(ready).toMatchObject({ status: 200, body: { status: 'ok', kafka: 'ok', 'oidc-issuer': 'ok' } });
    const metrics = await platform.call('GET', '/metrics');
    expect(metrics.body).toMatch(
      /http_request_duration_seconds_count\{service="gateway",method="GET",route="\/api\/portal\/me"/,
    );
  });

  it('limits invitation previews and acceptances tighter than other routes, answering 429 with Retry-After', async () => {
    const preview = () => platform.call('POST', '/api/portal/invitations/preview', { body: { token: 'x'.repeat(43) } });
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await preview());
    expect(answers.slice(0, 3).map((a) => a.status)).toEqual([404, 404, 404]);
    expect(answers[3].status).toBe(429);
    expect(answers[3].contentType).toContain('application/problem+json');
    expect(Number(answers[3].headers.get('retry-after'))).toBeGreaterThan(0);
    // Other routes are not affected.
    expect((await platform.call('GET', '/health/live')).status).toBe(200);

    // Behind a proxy TRUST_PROXY names (loopback by default), each client behind it has a limit of its own.
    const from = (client: string) =>
      platform.call('POST', '/api/portal/invitations/preview', {
        body: { token: 'x'.repeat(43) },
        headers: { 'x-forwarded-for': client },
      });
    const behind = [];
    for (let i = 0; i < 4; i += 1) behind.push((await from('203.0.113.7')).status);
    expect(behind).toEqual([404, 404, 404, 429]);
    expect((await from('203.0.113.8')).status).toBe(404);
  });
});
