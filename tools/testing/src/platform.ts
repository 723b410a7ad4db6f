import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, webAppDist } from '@partner-portal/infra';
import { EventPublisher } from './event-publisher';
import { createTestDatabase, dropTestDatabase, isolatedEnvironment } from './isolation';
import { startServiceProcess, type ServiceProcess } from './service-process';
import { TEST_GATEWAY_TOKEN, TEST_OPERATOR_TOKEN } from './service-under-test';
import {
  startTestIdentityProvider,
  TEST_AUDIENCE,
  TEST_WEB_CLIENT_ID,
  type TestAccount,
  type TestIdentityProvider,
} from './sign-in';

/** The services behind the gateway. */
export const PLATFORM_SERVICES = ['partner-identity', 'licensing', 'invitations', 'document-projection'] as const;

/** A response of the gateway as a test reads it. */
export interface GatewayResponse<T = any> {
  status: number;
  contentType: string;
  headers: Headers;
  body: T;
}

/** One request to the gateway, as a client sends it. */
export interface GatewayRequestOptions {
  /** Bearer token. */
  token?: string;
  /** JSON body; a string or bytes are sent as they are (to send malformed JSON or invalid UTF-8). */
  body?: unknown;
  headers?: Record<string, string>;
}

/** The whole platform on its own topics and databases: identity provider, the four services, the gateway. */
export interface RunningPlatform {
  gatewayUrl: string;
  issuer: string;
  topicPrefix: string;
  kafkaBrokers: string[];
  /** Publishes as an ERP connector on Kafka would. */
  publisher: EventPublisher;
  idp: TestIdentityProvider;
  services: Record<(typeof PLATFORM_SERVICES)[number] | 'gateway', ServiceProcess>;
  /** Each service's own database (benchmarks load read models directly). */
  databaseUrls: Record<(typeof PLATFORM_SERVICES)[number], string>;
  /** The invitations service's development mailbox folder (one JSON file per e-mail). */
  mailDir: string;
  call<T = any>(method: string, path: string, options?: GatewayRequestOptions): Promise<GatewayResponse<T>>;
  /**
   * Starts one more instance of a service on its database and topics, as a scaled-out deployment runs it; on `port`,
   * it takes the place of a crashed instance that the gateway calls.
   */
  startInstance(name: (typeof PLATFORM_SERVICES)[number], options?: { port?: number }): Promise<ServiceProcess>;
  stop(): Promise<void>;
}

/**
 * Starts tools/identity-provider with the given accounts, every service and the gateway as processes from their
 * build (npm test builds first), on one fresh topic prefix, each service with a fresh database.
 */
export async function startPlatform(
  label: string,
  accounts: TestAccount[],
  options: {
    gatewayEnv?: NodeJS.ProcessEnv;
    serviceEnv?: NodeJS.ProcessEnv;
    /**
     * The gateway also serves the web app's build (services/web/dist), signing in with the web client, and the
     * invitation e-mails link to it: for the browser tests.
     */
    webApp?: { accessTokenTtlSeconds?: number };
    /** A broker of the test's own (startEphemeralKafka) instead of the shared one. */
    kafkaBrokers?: string[];
  } = {},
): Promise<RunningPlatform> {
  const env = await isolatedEnvironment(label, undefined, options.kafkaBrokers);
  const databases: string[] = [];
  const databaseUrls: Partial<RunningPlatform['databaseUrls']> = {};
  const started: ServiceProcess[] = [];
  let idp: TestIdentityProvider | undefined;
  const publisher = new EventPublisher(env.kafkaBrokers, env.topicPrefix);
  const stop = async () => {
    await publisher.close();
    await Promise.allSettled([...started.map((s) => s.stop()), idp?.stop()]);
    await Promise.allSettled(databases.map((name) => dropTestDatabase(name)));
    await env.dispose();
  };
  const mailDir = mkdtempSync(join(tmpdir(), 'platform-mail-'));
  try {
    // The web app's origin is the gateway's, which the provider must know as a redirect before the gateway starts.
    const gatewayPort = await freePort();
    const gatewayOrigin = `http://127.0.0.1:${gatewayPort}`;
    idp = await startTestIdentityProvider(accounts, {
      ...(options.webApp
        ? { webOrigin: gatewayOrigin, webAccessTokenTtlSeconds: options.webApp.accessTokenTtlSeconds }
        : {}),
    });
    const common = {
      KAFKA_BROKERS: env.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: env.topicPrefix,
      GATEWAY_API_TOKEN: TEST_GATEWAY_TOKEN,
    };
    const own: Record<string, NodeJS.ProcessEnv> = {
      invitations: {
        PORTAL_BASE_URL: options.webApp ? gatewayOrigin : 'https://portal.example.test',
        INVITATION_CODE_PEPPER: 'test-pepper-that-is-at-least-32-characters',
        EMAIL_PAYLOAD_KEY: Buffer.alloc(32, 7).toString('base64'),
        MAIL_TRANSPORT: 'development',
        MAIL_DEV_DIR: mailDir,
        EMAIL_RETRY_BASE_MS: '50',
      },
    };
    const envOf: Partial<Record<(typeof PLATFORM_SERVICES)[number], NodeJS.ProcessEnv>> = {};
    const startInstance = async (name: (typeof PLATFORM_SERVICES)[number], at: { port?: number } = {}) => {
      const service = await startServiceProcess(name, envOf[name]!, at);
      started.push(service);
      return service;
    };
    const services = await Promise.all(
      PLATFORM_SERVICES.map(async (name) => {
        const database = await createTestDatabase(`${label}-${name}`);
        databases.push(database.name);
        databaseUrls[name] = database.url;
        envOf[name] = {
          ...common,
          // Only the services have the operators' credential, never the gateway.
          OPERATOR_API_TOKEN: TEST_OPERATOR_TOKEN,
          ...own[name],
          ...options.serviceEnv,
          DATABASE_URL: database.url,
        };
        return [name, await startInstance(name)] as const;
      }),
    );
    const byName = Object.fromEntries(services) as Record<(typeof PLATFORM_SERVICES)[number], ServiceProcess>;
    const gateway = await startServiceProcess(
      'gateway',
      {
        ...common,
        OIDC_ISSUER: idp.issuer,
        OIDC_AUDIENCE: TEST_AUDIENCE,
        PARTNER_IDENTITY_URL: byName['partner-identity'].baseUrl,
        LICENSING_URL: byName.licensing.baseUrl,
        INVITATIONS_URL: byName.invitations.baseUrl,
        DOCUMENT_PROJECTION_URL: byName['document-projection'].baseUrl,
        ...(options.webApp ? { WEB_APP_DIR: webAppDist, OIDC_CLIENT_ID: TEST_WEB_CLIENT_ID } : {}),
        ...options.gatewayEnv,
      },
      { port: gatewayPort },
    );
    started.push(gateway);
    const gatewayUrl = gateway.baseUrl;
    return {
      gatewayUrl,
      issuer: idp.issuer,
      topicPrefix: env.topicPrefix,
      kafkaBrokers: env.kafkaBrokers,
      publisher,
      idp,
      services: { ...byName, gateway },
      databaseUrls: databaseUrls as RunningPlatform['databaseUrls'],
      mailDir,
      call: (method, path, request = {}) => callGateway(gatewayUrl, method, path, request),
      startInstance,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Sends one request to the gateway as a client would. */
export async function callGateway<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  options: GatewayRequestOptions = {},
): Promise<GatewayResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | Uint8Array | undefined;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body =
      typeof options.body === 'string' || options.body instanceof Uint8Array
        ? options.body
        : JSON.stringify(options.body);
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    contentType,
    headers: response.headers,
    body: (text && contentType.includes('json') ? JSON.parse(text) : text) as T,
  };
}
