import type { INestApplication } from '@nestjs/common';
import type { TopicSpec } from '@partner-portal/contracts';
import {
  callerOfRoute,
  encodePrincipal,
  INTERNAL_TOKEN_HEADER,
  PRINCIPAL_HEADER,
  type Principal,
} from '@partner-portal/internal-api';
import { EventPublisher } from './event-publisher';
import { createTestDatabase, dropTestDatabase, isolatedEnvironment, type IsolatedEnvironment } from './isolation';
import { untilReady, waitFor } from './waiting';

/** The gateway's credential every service under test is started with. */
export const TEST_GATEWAY_TOKEN = 'test-gateway-token-0123456789';
/** The operators' credential every service under test is started with. */
export const TEST_OPERATOR_TOKEN = 'test-operator-token-0123456789';

/** The variables giving a service under test both callers' credentials (the gateway gets only GATEWAY_API_TOKEN). */
export const TEST_SERVICE_CREDENTIALS = {
  GATEWAY_API_TOKEN: TEST_GATEWAY_TOKEN,
  OPERATOR_API_TOKEN: TEST_OPERATOR_TOKEN,
} as const;

/** The credential a test presents on a path: the operators' on their routes, the gateway's on the others. */
export function testTokenFor(path: string): string {
  return callerOfRoute(path) === 'operator' ? TEST_OPERATOR_TOKEN : TEST_GATEWAY_TOKEN;
}
/** The identity issuer of test principals. */
export const TEST_ISSUER = 'https://login.example.test/v2.0';

/** A response as a test reads it. */
export interface ApiResponse<T = any> {
  status: number;
  contentType: string;
  headers: Headers;
  body: T;
}

/** Options of one request to a service's internal API. */
export interface RequestOptions {
  principal?: Principal;
  body?: unknown;
  /** The internal credential (by default the one the path's caller has, testTokenFor); null sends none. */
  token?: string | null;
  headers?: Record<string, string>;
}

/** A service running on its own database and topics, with a client for its internal API. */
export interface ServiceUnderTest {
  app: INestApplication;
  env: IsolatedEnvironment;
  baseUrl: string;
  publisher: EventPublisher;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  /** Polls a GET until `done` accepts the body. */
  eventually<T = any>(
    path: string,
    principal: Principal | undefined,
    done: (body: T) => boolean,
    what?: string,
  ): Promise<T>;
  stop(): Promise<void>;
}

/** The variables a service under test is configured with (besides its own). */
export function testServiceEnv(env: IsolatedEnvironment): NodeJS.ProcessEnv {
  return {
    PORT: '0',
    DATABASE_URL: env.databaseUrl,
    KAFKA_BROKERS: env.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: env.topicPrefix,
    ...TEST_SERVICE_CREDENTIALS,
  };
}

/** A client for a running service's internal API. */
export function internalApiClient(baseUrl: string): ServiceUnderTest['request'] {
  return async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== null) headers[INTERNAL_TOKEN_HEADER] = options.token ?? testTokenFor(path);
    if (options.principal) headers[PRINCIPAL_HEADER] = encodePrincipal(options.principal);
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
      headers: response.headers,
      body: text ? JSON.parse(text) : undefined,
    };
  };
}

/**
 * Starts a service on a fresh database and topic prefix (`start` gets the environment variables to configure it
 * with) and gives a client for its internal API. Call `stop` in `afterAll`.
 */
export async function startServiceUnderTest(
  label: string,
  start: (env: NodeJS.ProcessEnv) => Promise<INestApplication>,
  topics?: TopicSpec[],
): Promise<ServiceUnderTest> {
  const env = await isolatedEnvironment(label, topics);
  const app = await start(testServiceEnv(env));
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  await untilReady(baseUrl, label);
  const publisher = new EventPublisher(env.kafkaBrokers, env.topicPrefix);
  const request = internalApiClient(baseUrl);
  return {
    app,
    env,
    baseUrl,
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
  return { kind: 'admin', tenantId, issuer: TEST_ISSUER, subject };
}

/** A partner user acting through one membership. */
export function partnerUser(tenantId: string, membershipId: string, subject: string): Principal {
  return { kind: 'partner', tenantId, issuer: TEST_ISSUER, subject, membershipId };
}

/** Several services on one topic prefix, each with its own database: a slice of the platform for saga tests. */
export interface SystemUnderTest {
  topicPrefix: string;
  kafkaBrokers: string[];
  publisher: EventPublisher;
  services: Record<string, Pick<ServiceUnderTest, 'app' | 'baseUrl' | 'request'>>;
  stop(): Promise<void>;
}

/** Starts the given services against one set of topics, each on a fresh database of its own. */
export async function startSystemUnderTest(
  label: string,
  starters: Record<string, (env: NodeJS.ProcessEnv) => Promise<INestApplication>>,
): Promise<SystemUnderTest> {
  const env = await isolatedEnvironment(label);
  const databases: string[] = [];
  const services: SystemUnderTest['services'] = {};
  for (const [name, start] of Object.entries(starters)) {
    const database = await createTestDatabase(`${label}-${name}`);
    databases.push(database.name);
    const app = await start({ ...testServiceEnv(env), DATABASE_URL: database.url });
    const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    await untilReady(baseUrl, `${label}-${name}`);
    services[name] = { app, baseUrl, request: internalApiClient(baseUrl) };
  }
  const publisher = new EventPublisher(env.kafkaBrokers, env.topicPrefix);
  return {
    topicPrefix: env.topicPrefix,
    kafkaBrokers: env.kafkaBrokers,
    publisher,
    services,
    async stop() {
      await publisher.close();
      await Promise.allSettled(Object.values(services).map((s) => s.app.close()));
      await Promise.allSettled(databases.map((name) => dropTestDatabase(name)));
      await env.dispose();
    },
  };
}
