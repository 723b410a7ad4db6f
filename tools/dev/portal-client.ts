import { signIn } from '@partner-portal/identity-provider';

/** Where a running system answers, as a client sees it. */
export interface SystemAddresses {
  gatewayUrl: string;
  issuer: string;
  /** The public client registered at the provider for scripts (its redirect is read, never served). */
  client: { clientId: string; redirectUri: string };
}

/** The client `npm start` and `npm run demo` use: registered at the development provider by default. */
export const SCRIPT_CLIENT = { clientId: 'partner-portal', redirectUri: 'http://127.0.0.1/signed-in' };

/** An answer of the gateway. */
export interface Answer<T = any> {
  status: number;
  body: T;
}

/** A problem the gateway answered where the script expected success. */
export class UnexpectedAnswer extends Error {}

/** Talks to the gateway like a client application: signs people in at the provider and calls the API as them. */
export class PortalClient {
  private readonly tokens = new Map<string, string>();

  constructor(private readonly system: SystemAddresses) {}

  /** A person's access token (signed in once per run, through the provider's sign-in page with PKCE). */
  async tokenOf(username: string, password: string): Promise<string> {
    const known = this.tokens.get(username);
    if (known) return known;
    const { accessToken } = await signIn(this.system.issuer, { username, password }, { client: this.system.client });
    this.tokens.set(username, accessToken);
    return accessToken;
  }

  async call<T = any>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.system.gatewayUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text && /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : text,
    };
  }

  /** Calls and insists on one of the expected statuses; otherwise throws with what the gateway said. */
  async must<T = any>(
    expected: number[],
    method: string,
    path: string,
    options: Parameters<PortalClient['call']>[2] = {},
  ): Promise<Answer<T>> {
    const answer = await this.call<T>(method, path, options);
    if (!expected.includes(answer.status)) {
      throw new UnexpectedAnswer(
        `${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 600)}`,
      );
    }
    return answer;
  }
}

/**
 * Polls until `done` accepts the value, or fails after `timeoutMs` naming what it waited for (`what` may describe
 * the last value seen, to say what was still missing).
 */
export async function until<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  what: string | ((last: T) => string),
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      const described = typeof what === 'function' ? what(value) : what;
      throw new Error(`gave up waiting for ${described} after ${Math.round(timeoutMs / 1000)} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
