import type { INestApplication } from '@nestjs/common';
import { EventPublisher, isolatedEnvironment, waitFor, type IsolatedEnvironment } from '@partner-portal/testing';
import { startPartnerIdentity } from '../src/app.setup';
import { loadPartnerIdentityConfig } from '../src/config/partner-identity.config';
import { encodePrincipal, type Principal } from '@partner-portal/internal-api';

export const INTERNAL_TOKEN = 'test-internal-token-0123456789';
export const ISSUER = 'https://login.example.test/v2.0';

/** A response as a test reads it. */
export interface ApiResponse<T = any> {
  status: number;
  contentType: string;
  body: T;
}

/** The service running on its own database and topics, with a client for its internal API. */
export interface RunningPartnerIdentity {
  app: INestApplication;
  env: IsolatedEnvironment;
  publisher: EventPublisher;
  request<T = any>(
    method: string,
    path: string,
    options?: { principal?: Principal; body?: unknown; token?: string | null },
  ): Promise<ApiResponse<T>>;
  /** Polls a GET until `done` accepts the body. */
  eventually<T = any>(path: string, principal: Principal, done: (body: T) => boolean, what?: string): Promise<T>;
  stop(): Promise<void>;
}

export async function startService(label: string): Promise<RunningPartnerIdentity> {
  const env = await isolatedEnvironment(`pi-${label}`);
  const app = await startPartnerIdentity(
    loadPartnerIdentityConfig({
      PORT: '0',
      DATABASE_URL: env.databaseUrl,
      KAFKA_BROKERS: env.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: env.topicPrefix,
      INTERNAL_API_TOKEN: INTERNAL_TOKEN,
    }),
  );
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const publisher = new EventPublisher(env.kafkaBrokers, env.topicPrefix);

  const request: RunningPartnerIdentity['request'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = {};
    if (options.token !== null) headers['x-internal-token'] = options.token ?? INTERNAL_TOKEN;
    if (options.principal) headers['x-portal-principal'] = encodePrincipal(options.principal);
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body: text ? JSON.parse(text) : undefined,
    };
  };

  return {
    app,
    env,
    publisher,
    request,
    async eventually(path, principal, done, what = path) {
      const response = await waitFor(
        () => request('GET', path, { principal }),
        (r) => r.status === 200 && done(r.body),
        { what },
      );
      return response.body;
    },
    async stop() {
      await publisher.close();
      await app.close();
      await env.dispose();
    },
  };
}

/** An administrator of `tenantId`, as the gateway passes it. */
export function adminOf(tenantId: string, subject = 'admin-subject'): Principal {
  return { kind: 'admin', tenantId, issuer: ISSUER, subject };
}

/** A partner user acting through one membership. */
export function partnerUser(tenantId: string, membershipId: string, subject: string): Principal {
  return { kind: 'partner', tenantId, issuer: ISSUER, subject, membershipId };
}
