import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startPlatform, type RunningPlatform } from '@partner-portal/testing';

// The gateway serves the web app on its own origin (npm test builds it into services/web/dist first).
const webAppDist = join(__dirname, '..', '..', 'web', 'dist');

describe('the web app on the gateway', () => {
  let platform: RunningPlatform;
  const page = (path: string, accept = 'text/html,application/xhtml+xml') =>
    fetch(`${platform.gatewayUrl}${path}`, { headers: { accept } });

  beforeAll(async () => {
    platform = await startPlatform('web-app', [], { webApp: {} });
  }, 120_000);
  afterAll(() => platform?.stop());

  it('answers every page address of the app with its page, never cached, under the security headers', async () => {
    for (const path of ['/', '/admin/demo/invitations?status=invited', '/invitations/accept?token=abc', '/portal']) {
      const response = await page(path);
      expect([path, response.status]).toEqual([path, 200]);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(await response.text()).toContain('<div id="root"></div>');
    }
  });

  it('serves the built files, the hashed ones cached for a year', async () => {
    const script = readdirSync(join(webAppDist, 'assets')).find((f) => f.endsWith('.js'));
    const response = await page(`/assets/${script}`, '*/*');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('keeps the API, the probes and missing files out of the app: problems and 404s, not a page', async () => {
    const api = await page('/api/no-such-route');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await page('/assets/missing-abc.js', '*/*')).status).toBe(404);
    expect((await page('/missing.png', '*/*')).status).toBe(404);
    expect((await page('/health/live')).headers.get('content-type')).toMatch(/json/);
  });

  it('tells the app where and how to sign in', async () => {
    const config = await platform.call('GET', '/api/client-config');
    expect(config).toMatchObject({
      status: 200,
      body: { issuer: platform.issuer, clientId: 'portal-web', scope: 'openid email profile api' },
    });
  });
});
