import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { signIn as browserSignIn, type DemoAccount, type SignedIn } from '@partner-portal/identity-provider';
import { repoRoot } from '@partner-portal/infra';

/** The API audience of test tokens. */
export const TEST_AUDIENCE = 'api://partner-portal-test';
/** A public client registered at test providers; its redirect URI is never served, the test reads the redirect. */
export const TEST_CLIENT = { clientId: 'portal-test', redirectUri: 'http://127.0.0.1/signed-in' };
/** The web app's client at test providers (its redirect URIs are the gateway's origin, which serves the app). */
export const TEST_WEB_CLIENT_ID = 'portal-web';
/** A second client whose access tokens live one second (to see the gateway refuse expired tokens). */
export const SHORT_LIVED_CLIENT = { clientId: 'portal-test-short', redirectUri: 'http://127.0.0.1/signed-in' };

/** A person of a test provider (tools/identity-provider reads them from IDP_ACCOUNTS). */
export type TestAccount = DemoAccount;

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
 * Starts tools/identity-provider as a process on a free port with the given accounts, the test clients (and the web
 * app's, when its origin is given) and, for the audience checks, a second audience `api://another-api`.
 */
export async function startTestIdentityProvider(
  accounts: TestAccount[],
  options: { webOrigin?: string; webAccessTokenTtlSeconds?: number } = {},
): Promise<TestIdentityProvider> {
  const web = options.webOrigin
    ? [
        {
          clientId: TEST_WEB_CLIENT_ID,
          redirectUris: [`${options.webOrigin}/auth/callback`],
          postLogoutRedirectUris: [`${options.webOrigin}/signed-out`],
          ...(options.webAccessTokenTtlSeconds ? { accessTokenTtlSeconds: options.webAccessTokenTtlSeconds } : {}),
        },
      ]
    : [];
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
          ...web,
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

/** Signs a test person in through the provider like a browser (authorization code + PKCE); nothing is signed here. */
export function signIn(
  issuer: string,
  account: Pick<TestAccount, 'username' | 'password'>,
  options: { client?: typeof TEST_CLIENT; resource?: string } = {},
): Promise<SignedIn> {
  return browserSignIn(issuer, account, {
    client: options.client ?? TEST_CLIENT,
    resource: options.resource ?? TEST_AUDIENCE,
  });
}
