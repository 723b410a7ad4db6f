import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/** An e-mail as the invitations service's development transport keeps it (one JSON file per e-mail). */
export interface DevMail {
  id: string;
  from: string;
  to: string;
  subject: string;
  sentAt: string;
  text: string;
  html: string;
}

/** The e-mails in a development mailbox folder, newest first. */
export function readDevMailbox(dir: string): DevMail[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .reverse()
    .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as DevMail);
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

function listPage(mails: DevMail[]): string {
  const rows = mails
    .map(
      (m) =>
        `<tr><td>${escape(new Date(m.sentAt).toLocaleString('en-GB'))}</td><td>${escape(m.to)}</td>` +
        `<td><a href="/mail/${encodeURIComponent(m.id)}">${escape(m.subject)}</a></td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<title>Development mailbox</title><style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}
td,th{border-bottom:1px solid #ddd;padding:.4rem .8rem;text-align:left}</style></head><body>
<h1>Development mailbox</h1><p>What the platform would have e-mailed (MAIL_TRANSPORT=development). Newest first; refreshes every 5 seconds.</p>
${mails.length ? `<table><thead><tr><th>Sent</th><th>To</th><th>Subject</th></tr></thead><tbody>${rows}</tbody></table>` : '<p>No e-mail yet. Invite someone in the portal.</p>'}
</body></html>`;
}

/**
 * A development mailbox in the browser: the list of e-mails and each e-mail as its recipient sees it (our own
 * rendered templates), so a person can follow an invitation link without a terminal. Never for production.
 */
export async function startDevMailbox(dir: string, port: number): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent((request.url ?? '/').split('?')[0]);
    const mails = readDevMailbox(dir);
    if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return void response.end(listPage(mails));
    }
    const mail = path.startsWith('/mail/') ? mails.find((m) => m.id === path.slice('/mail/'.length)) : undefined;
    if (!mail) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      return void response.end('No such e-mail');
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(
      `<p style="font-family:system-ui,sans-serif"><a href="/">&larr; Development mailbox</a> &middot; to ${escape(mail.to)} &middot; ${escape(mail.subject)}</p><hr>${mail.html}`,
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
