import { createHash, randomBytes } from 'node:crypto';

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
  account: { username: string; password: string },
  options: { client: { clientId: string; redirectUri: string }; resource?: string },
): Promise<SignedIn> {
  const { client, resource } = options;
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
    ...(resource ? { resource } : {}),
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
          ...(resource ? { resource } : {}),
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
