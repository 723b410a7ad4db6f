import { createHash, randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot } from '@partner-portal/infra';

/** The API audience of test tokens. */
export const TEST_AUDIENCE = 'api://partner-portal-test';
/** A public client registered at test providers; its redirect URI is never served, the test reads the redirect. */
export const TEST_CLIENT = { clientId: 'portal-test', redirectUri: 'http://127.0.0.1/signed-in' };
/** A second client whose access tokens live one second (to see the gateway refuse expired tokens). */
export const SHORT_LIVED_CLIENT = { clientId: 'portal-test-short', redirectUri: 'http://127.0.0.1/signed-in' };

/** A person of a test provider: the shape tools/identity-provider reads from IDP_ACCOUNTS. */
export interface TestAccount {
  username: string;
  password: string;
  subject: string;
  email: string;
  name: string;
  roles?: string[];
  tenants?: string[];
}

/** A development identity provider running as its own process. */
export interface TestIdentityProvider {
  issuer: string;
  stop(): Promise<void>;
}

/** A test person: signs in at the provider with a username and password. */
export function testAccount(username: string, extra: Partial<TestAccount> = {}): TestAccount {
  return {
    username,
    password: `pw-${username}`,
    subject: `sub-${username}`,
    email: `${username}@example.test`,
    name: username,
    ...extra,
  };
}

/**
 * Starts tools/identity-provider as a process on a free port with the given accounts, the test clients and, for the
 * audience checks, a second audience `api://another-api`.
 */
export async function startTestIdentityProvider(accounts: TestAccount[]): Promise<TestIdentityProvider> {
  const child = spawn(
    process.execPath,
    ['--conditions=development', '--import', 'tsx', join(repoRoot, 'tools/identity-provider/src/main.ts')],
    {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH,
        IDP_PORT: '0',
        OIDC_AUDIENCE: TEST_AUDIENCE,
        IDP_OTHER_AUDIENCES: 'api://another-api',
        IDP_ACCOUNTS: JSON.stringify(accounts),
        IDP_CLIENTS: JSON.stringify([
          { clientId: TEST_CLIENT.clientId, redirectUris: [TEST_CLIENT.redirectUri] },
          {
            clientId: SHORT_LIVED_CLIENT.clientId,
            redirectUris: [SHORT_LIVED_CLIENT.redirectUri],
            accessTokenTtlSeconds: 1,
          },
        ]),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stderr?.on('data', (chunk) => (output = (output + chunk).slice(-4_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`identity provider did not start:\n${output}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`identity provider exited with ${code}:\n${output}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line).issuer);
    });
  });
  return {
    issuer,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Cookies of one browser session. */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** What a sign-in yields. */
export interface SignedIn {
  accessToken: string;
  idToken: string;
}

/**
 * Signs a person in as a browser and a public client would: the authorization code flow with PKCE (S256) against
 * the provider, through its sign-in page, then the code exchanged at the token endpoint. Nothing is signed here.
 */
export async function signIn(
  issuer: string,
  account: Pick<TestAccount, 'username' | 'password'>,
  options: { client?: typeof TEST_CLIENT; resource?: string } = {},
): Promise<SignedIn> {
  const client = options.client ?? TEST_CLIENT;
  const resource = options.resource ?? TEST_AUDIENCE;
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
    authorization_endpoint: string;
    token_endpoint: string;
  };
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const state = randomBytes(12).toString('base64url');
  const jar = new CookieJar();
  const go = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(new URL(url, issuer), {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: jar.header() },
    });
    jar.take(response);
    return response;
  };

  const authorize = new URL(discovery.authorization_endpoint);
  for (const [k, v] of Object.entries({
    client_id: client.clientId,
    redirect_uri: client.redirectUri,
    response_type: 'code',
    scope: 'openid email profile api',
    resource,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  })) {
    authorize.searchParams.set(k, v);
  }
  let response = await go(authorize.toString());
  const interaction = response.headers.get('location');
  if (!interaction?.startsWith('/interaction/')) {
    throw new Error(`authorization did not ask for sign-in (${response.status}): ${await response.text()}`);
  }
  await go(interaction);
  response = await go(`${interaction}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: account.username, password: account.password }).toString(),
  });
  if (response.status === 401) throw new Error(`sign-in refused for ${account.username}`);
  // Follow the provider's redirects until it sends the browser back to the client with the code.
  for (let hops = 0; hops < 5; hops += 1) {
    const location = response.headers.get('location');
    if (!location) throw new Error(`sign-in stopped (${response.status}): ${await response.text()}`);
    if (location.startsWith(client.redirectUri)) {
      const back = new URL(location);
      if (back.searchParams.get('state') !== state) throw new Error('state mismatch');
      const code = back.searchParams.get('code');
      if (!code) throw new Error(`no code: ${location}`);
      const token = await fetch(discovery.token_endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          redirect_uri: client.redirectUri,
          client_id: client.clientId,
          code_verifier: verifier,
          resource,
        }).toString(),
      });
      const tokens = (await token.json()) as { access_token: string; id_token: string };
      if (!token.ok) throw new Error(`token exchange failed: ${JSON.stringify(tokens)}`);
      return { accessToken: tokens.access_token, idToken: tokens.id_token };
    }
    response = await go(location);
  }
  throw new Error('too many redirects while signing in');
}
