import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type ClientMetadata, type JWK, type KoaContextWithOIDC } from 'oidc-provider';
import type { DemoAccount } from './accounts';
import { signInPage, signOutPage } from './sign-in-page';

/** How the development identity provider is set up. */
export interface IdentityProviderOptions {
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /** Interface to listen on: 127.0.0.1 unless a container needs 0.0.0.0. */
  host?: string;
  /**
   * The issuer it announces (and puts into `iss`); default `http://127.0.0.1:<port>`. In a container it must be a URL
   * that both the browser and the gateway reach under the same name (docker-compose.yml: a `*.localhost` alias).
   */
  issuer?: string;
  /** The API audience its access tokens are for (the gateway's OIDC_AUDIENCE). */
  audience: string;
  /** Further audiences it can issue tokens for (tests ask for one to prove the gateway refuses them). */
  otherAudiences?: string[];
  accounts: DemoAccount[];
  /**
   * Public clients (PKCE, no secret): id, redirect URIs, where sign-out may return to, optional access token
   * lifetime in seconds. Browsers on a redirect URI's origin may call the token endpoint (CORS).
   */
  clients: Array<{
    clientId: string;
    redirectUris: string[];
    postLogoutRedirectUris?: string[];
    accessTokenTtlSeconds?: number;
  }>;
  /** Signing keys (private JWKs); fresh ones when absent. */
  signingKeys?: JWK[];
  /** Keys of the session cookies' signatures. */
  cookieKeys: string[];
}

/** A running provider. */
export interface RunningIdentityProvider {
  issuer: string;
  close(): Promise<void>;
}

const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 3_600;

/** A fresh RS256 signing key as a private JWK. */
export async function newSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, alg: 'RS256', use: 'sig', kid: `dev-${Date.now().toString(36)}` } as JWK;
}

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of request) {
    body += chunk;
    if (body.length > 10_000) break;
  }
  return new URLSearchParams(body);
}

/**
 * Starts a real OpenID Connect provider (panva's oidc-provider): discovery, JWKS, authorization code flow with
 * PKCE for public clients, JWT access tokens for the API audience carrying `email`, `name`, `roles` and
 * `partner_portal_tenant` as Entra ID's would, and a sign-in page for the given accounts. For local use and tests
 * only: accounts live in memory and it speaks plain HTTP (on 127.0.0.1 unless `host` says otherwise).
 */
export async function startIdentityProvider(options: IdentityProviderOptions): Promise<RunningIdentityProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? '127.0.0.1', resolve));
  const issuer = options.issuer ?? `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accountsBySubject = new Map(options.accounts.map((a) => [a.subject, a]));
  const ttlByClient = new Map(options.clients.map((c) => [c.clientId, c.accessTokenTtlSeconds]));
  const audiences = [options.audience, ...(options.otherAudiences ?? [])];

  const provider = new Provider(issuer, {
    clients: options.clients.map((c): ClientMetadata => ({
      client_id: c.clientId,
      client_name: 'Partner Portal',
      token_endpoint_auth_method: 'none',
      redirect_uris: c.redirectUris,
      post_logout_redirect_uris: c.postLogoutRedirectUris ?? [],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    })),
    jwks: { keys: options.signingKeys ?? [await newSigningKey()] },
    cookies: { keys: options.cookieKeys },
    pkce: { required: () => true },
    scopes: ['openid', 'email', 'profile'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: async (_ctx, subject) => {
      const account = accountsBySubject.get(subject);
      if (!account) return undefined;
      return {
        accountId: subject,
        claims: async () => ({
          sub: subject,
          email: account.email,
          email_verified: account.emailVerified ?? true,
          name: account.name,
        }),
      };
    },
    // First-party clients: the person consents by signing in, as with an organisation's own Entra app.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { client, session } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const existing = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid email profile');
      for (const audience of audiences) grant.addResourceScope(audience, 'api');
      await grant.save();
      return grant;
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource: async (ctx, form) => void (ctx.body = signOutPage(form)) },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => options.audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource, client) => {
          if (!audiences.includes(resource)) throw new Error(`unknown resource ${resource}`);
          return {
            audience: resource,
            scope: 'api',
            accessTokenFormat: 'jwt',
            accessTokenTTL: ttlByClient.get(client.clientId) ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    extraTokenClaims: async (_ctx, token) => {
      const account = accountsBySubject.get((token as { accountId?: string }).accountId ?? '');
      if (!account) return undefined;
      return {
        email: account.email,
        email_verified: account.emailVerified ?? true,
        name: account.name,
        ...(account.roles?.length ? { roles: account.roles } : {}),
        ...(account.tenants?.length ? { partner_portal_tenant: account.tenants } : {}),
      };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    ttl: { Session: 8 * 3_600, Interaction: 600, Grant: 8 * 3_600, AuthorizationCode: 60, IdToken: 3_600 },
  });
  provider.proxy = false;
  const callback = provider.callback();

  async function interaction(request: IncomingMessage, response: ServerResponse, uid: string, action?: string) {
    const details = await provider.interactionDetails(request, response);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    const client = await provider.Client.find(String(details.params.client_id));
    const clientName = client?.clientName ?? 'the portal';
    if (request.method === 'POST' && action === 'login') {
      const form = await readForm(request);
      const account = options.accounts.find((a) => a.username === form.get('username'));
      if (!account || !sameText(account.password, form.get('password') ?? '')) {
        response.writeHead(401, { 'content-type': 'text/html; charset=utf-8' });
        response.end(signInPage(uid, clientName, 'Unknown user name or wrong password.'));
        return;
      }
      await provider.interactionFinished(
        request,
        response,
        { login: { accountId: account.subject } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(signInPage(uid, clientName));
  }

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const match = /^\/interaction\/([\w-]+)(?:\/(login))?$/.exec(request.url?.split('?')[0] ?? '');
    if (!match) return void callback(request, response);
    interaction(request, response, match[1], match[2]).catch((error: Error) => {
      if (!response.headersSent) response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(`sign-in failed: ${error.message}`);
    });
  });

  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
