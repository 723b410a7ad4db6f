import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A mail send request as SendGrid received it. */
export interface ReceivedSend {
  path: string;
  authorization?: string;
  body: any;
  /** The message id it was (or would have been) answered with. */
  messageId: string;
  /** The status it was (or would have been) answered with: below 300, SendGrid took the message. */
  status: number;
}

/**
 * A local stand-in for SendGrid: the v3 mail send API (records each request and answers as told, or holds the answer
 * back) and the Email Activity API (`GET /v3/messages?query=unique_args['deliveryId']="..." AND ...`), which finds a
 * send accepted once its request arrived with a 2xx status to give, as SendGrid keeps a message it took even when
 * the caller hung up before the answer.
 */
export class FakeSendGrid {
  /** Every mail send request received. */
  readonly requests: ReceivedSend[] = [];
  /** Every Email Activity query received (its decoded `query`). */
  readonly lookups: string[] = [];
  /** The status mail sends are answered with. */
  status = 202;
  /** While true, mail sends are received and recorded but not answered until `release()`. */
  holdSends = false;
  /** The status Email Activity queries are answered with (403: an account without the add-on). */
  activityStatus = 200;
  private readonly held: ServerResponse[] = [];
  private readonly accepted: ReceivedSend[] = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((request, response) => this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** Answers the held sends with `status`. */
  release(): void {
    for (const response of this.held.splice(0)) this.answer(response, this.requests.length);
  }

  stop(): Promise<void> {
    for (const response of this.held.splice(0)) response.destroy();
    this.server!.closeAllConnections();
    return new Promise((resolve) => this.server!.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    let raw = '';
    request.on('data', (chunk) => (raw += chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://fake');
      if (request.method === 'GET' && url.pathname === '/v3/messages') return this.activity(url, response);
      const send: ReceivedSend = {
        path: request.url ?? '',
        authorization: request.headers.authorization,
        body: JSON.parse(raw || '{}'),
        messageId: `msg-${this.requests.length + 1}`,
        status: this.status,
      };
      this.requests.push(send);
      if (this.status < 300) this.accepted.push(send);
      if (this.holdSends) {
        this.held.push(response);
        // A caller that hung up (timed out, or was killed) is never answered.
        response.on('close', () => {
          const at = this.held.indexOf(response);
          if (at >= 0) this.held.splice(at, 1);
        });
      } else this.answer(response, this.requests.length);
    });
  }

  private answer(response: ServerResponse, n: number): void {
    response.writeHead(this.status, { 'content-type': 'application/json', 'x-message-id': `msg-${n}` });
    response.end(this.status >= 400 ? JSON.stringify({ errors: [{ message: 'temporarily unavailable' }] }) : '');
  }

  private activity(url: URL, response: ServerResponse): void {
    const query = url.searchParams.get('query') ?? '';
    this.lookups.push(query);
    if (this.activityStatus !== 200) {
      response.writeHead(this.activityStatus, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ errors: [{ message: 'authorization required' }] }));
      return;
    }
    const wanted = [...query.matchAll(/unique_args\['(\w+)'\]="([^"]*)"/g)].map(([, name, value]) => [name, value]);
    const messages = this.accepted
      .filter((send) => wanted.length > 0 && wanted.every(([name, value]) => send.body.custom_args?.[name] === value))
      .map((send) => ({
        msg_id: `${send.messageId}.filter0001`,
        status: 'delivered',
        to_email: send.body.personalizations?.[0]?.to?.[0]?.email,
      }));
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ messages }));
  }
}
