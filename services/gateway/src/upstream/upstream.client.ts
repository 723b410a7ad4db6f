import { Agent, request as httpRequest } from 'node:http';
import { Injectable, Logger, ServiceUnavailableException, type OnApplicationShutdown } from '@nestjs/common';
import type { Response } from 'express';
import { encodePrincipal, INTERNAL_TOKEN_HEADER, PRINCIPAL_HEADER, type Principal } from '@partner-portal/internal-api';
import { inSpan, SpanKind, SpanStatusCode, traceHeaders } from '@partner-portal/logging';
import { GatewayConfig } from '../config/gateway.config';

/** The services behind the gateway. */
export type UpstreamService = 'partner-identity' | 'licensing' | 'invitations' | 'document-projection';

/** One call to a service's internal API. */
export interface UpstreamCall {
  principal?: Principal;
  body?: unknown;
  /** Query parameters; undefined values are left out. */
  query?: object;
  headers?: Record<string, string | undefined>;
  /** The request id, passed on as `x-request-id` (services put it into the events they publish). */
  requestId: string;
}

/** What a service answered; `body` parses `text` when first read. */
export interface UpstreamAnswer<T = unknown> {
  status: number;
  contentType: string;
  text: string;
  readonly body: T;
  header(name: string): string | undefined;
}

/** One HTTP exchange over kept-alive connections (node:http costs this gateway less per request than fetch). */
function exchange(
  agent: Agent,
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method, headers, agent, timeout: 30_000 }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () =>
        resolve({
          status: incoming.statusCode ?? 502,
          headers: incoming.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      incoming.on('error', reject);
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error('the service did not answer within 30 s')));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** Headers of a service's answer that the gateway passes on to its caller. */
const RELAYED_HEADERS = ['location', 'retry-after'];

/**
 * Calls the services' internal APIs with the gateway's credential (GATEWAY_API_TOKEN) and the verified principal, and relays their
 * answers. A service that cannot be reached answers 503 (problem+json) and nothing is retried: writes are not
 * known to be idempotent.
 */
@Injectable()
export class UpstreamClient implements OnApplicationShutdown {
  private readonly logger = new Logger(UpstreamClient.name);
  private readonly bases: Record<UpstreamService, string>;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 128 });

  constructor(private readonly config: GatewayConfig) {
    this.bases = {
      'partner-identity': config.partnerIdentityUrl.replace(/\/$/, ''),
      licensing: config.licensingUrl.replace(/\/$/, ''),
      invitations: config.invitationsUrl.replace(/\/$/, ''),
      'document-projection': config.documentProjectionUrl.replace(/\/$/, ''),
    };
  }

  async call<T = unknown>(
    service: UpstreamService,
    method: string,
    path: string,
    call: UpstreamCall,
  ): Promise<UpstreamAnswer<T>> {
    const url = new URL(`${this.bases[service]}${path}`);
    for (const [key, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = {
      [INTERNAL_TOKEN_HEADER]: this.config.gatewayApiToken,
      'x-request-id': call.requestId,
      accept: 'application/json',
    };
    if (call.principal) headers[PRINCIPAL_HEADER] = encodePrincipal(call.principal);
    for (const [key, value] of Object.entries(call.headers ?? {})) if (value !== undefined) headers[key] = value;
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    let response: Awaited<ReturnType<typeof exchange>>;
    try {
      // A client span per call, whose context the service continues (`traceparent`).
      response = await inSpan(
        method,
        {
          kind: SpanKind.CLIENT,
          attributes: {
            'http.request.method': method,
            'server.address': url.hostname,
            'server.port': Number(url.port),
            'url.path': url.pathname,
            'peer.service': service,
          },
        },
        async (span) => {
          const answer = await exchange(this.agent, url, method, { ...headers, ...traceHeaders() }, body);
          span.setAttribute('http.response.status_code', answer.status);
          if (answer.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
          return answer;
        },
      );
    } catch (error) {
      this.logger.error({
        message: 'service unreachable',
        service,
        path,
        requestId: call.requestId,
        error: `${error}`,
      });
      throw new ServiceUnavailableException(`the ${service} service is not reachable; try again shortly`);
    }
    const contentType = String(response.headers['content-type'] ?? '');
    const { text } = response;
    let parsed: T | undefined;
    return {
      status: response.status,
      contentType,
      text,
      header: (name) => {
        const value = response.headers[name.toLowerCase()];
        return Array.isArray(value) ? value.join(', ') : value;
      },
      get body(): T {
        parsed ??= (text && contentType.includes('json') ? JSON.parse(text) : text || undefined) as T;
        return parsed as T;
      },
    };
  }

  onApplicationShutdown(): void {
    this.agent.destroy();
  }

  /** Calls a service for the caller (its principal and request id) and relays the answer. */
  async forward(
    response: Response,
    caller: { principal?: Principal; requestId: string },
    service: UpstreamService,
    method: string,
    path: string,
    call: Omit<UpstreamCall, 'principal' | 'requestId'> = {},
  ): Promise<unknown> {
    const answer = await this.call(service, method, path, {
      ...call,
      principal: caller.principal,
      requestId: caller.requestId,
    });
    return this.relay(response, answer);
  }

  /**
   * Answers the gateway's caller with what the service answered: status, content type and the body as it came
   * (not parsed and written again, which would cost the gateway most of its time on large lists); a problem's
   * `instance` names the public path, not the internal one.
   */
  relay(response: Response, answer: UpstreamAnswer): unknown {
    response.status(answer.status);
    for (const name of RELAYED_HEADERS) {
      const value = answer.header(name);
      if (value) response.setHeader(name, value);
    }
    if (answer.status === 204 || !answer.text) return undefined;
    if (answer.contentType.includes('application/problem+json')) {
      response.type('application/problem+json');
      return { ...(answer.body as object), instance: response.req.originalUrl };
    }
    response.setHeader('content-type', answer.contentType);
    return answer.text;
  }
}
