// The development identity provider as a process: `npm start` runs it beside the services, tests start their own.
// Prints one JSON line {"issuer": ...} on stdout once it listens; stops on SIGTERM/SIGINT.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { JWK } from 'oidc-provider';
import { demoAccounts, type DemoAccount } from './accounts';
import { newSigningKey, startIdentityProvider, type IdentityProviderOptions } from './identity-provider';

/** A value kept in a file (created on first use), so that restarts keep tokens and passwords valid. */
async function persisted<T>(file: string | undefined, create: () => T | Promise<T>): Promise<T> {
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as T;
  const value = await create();
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(value), { mode: 0o600 });
  }
  return value;
}

async function main(): Promise<void> {
  const env = process.env;
  const stateDir = env.IDP_STATE_DIR;
  const password = await persisted(stateDir && `${stateDir}/demo-password.json`, () =>
    randomBytes(9).toString('base64url'),
  );
  const accounts: DemoAccount[] = env.IDP_ACCOUNTS
    ? JSON.parse(env.IDP_ACCOUNTS)
    : demoAccounts(env.DEMO_TENANT_ID ?? 'demo', password);
  // The web app signs in where the gateway serves it, and on `npm run dev:web`'s server.
  const gateway = env.GATEWAY_PUBLIC_URL ?? 'http://127.0.0.1:3100';
  const webOrigins = [gateway, env.WEB_DEV_URL ?? 'http://127.0.0.1:5173'];
  const clients: IdentityProviderOptions['clients'] = env.IDP_CLIENTS
    ? JSON.parse(env.IDP_CLIENTS)
    : [
        {
          clientId: 'partner-portal',
          redirectUris: [
            `${gateway}/api/docs/oauth2-redirect.html`,
            'http://127.0.0.1/signed-in',
            ...webOrigins.map((origin) => `${origin}/auth/callback`),
          ],
          postLogoutRedirectUris: webOrigins.map((origin) => `${origin}/signed-out`),
        },
      ];
  const signingKeys = await persisted<JWK[]>(stateDir && `${stateDir}/signing-keys.json`, async () => [
    await newSigningKey(),
  ]);
  const provider = await startIdentityProvider({
    port: Number(env.IDP_PORT ?? 3200),
    host: env.IDP_HOST || undefined,
    issuer: env.IDP_ISSUER || undefined,
    audience: env.OIDC_AUDIENCE ?? 'api://partner-portal',
    otherAudiences: env.IDP_OTHER_AUDIENCES?.split(',').filter(Boolean),
    accounts,
    clients,
    signingKeys,
    cookieKeys: [env.IDP_COOKIE_KEY ?? randomBytes(32).toString('hex')],
  });
  process.stdout.write(`${JSON.stringify({ issuer: provider.issuer, accounts: accounts.length })}\n`);
  const stop = () => void provider.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: Error) => {
  console.error(`identity provider: ${error.message}`);
  process.exit(1);
});
