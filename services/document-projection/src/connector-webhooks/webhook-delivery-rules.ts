import { createHmac } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import { Refusal } from '@partner-portal/api-contracts';

/** How long a delivery is retried before it is given up: a day, so an endpoint down overnight still gets it. */
export const WEBHOOK_GIVE_UP_AFTER_MS = 24 * 60 * 60 * 1_000;

/** The waits after the 1st, 2nd, ... failed attempt; the last one repeats until the day is over. */
export const WEBHOOK_RETRY_DELAYS_MS: readonly number[] = [
  5_000,
  30_000,
  2 * 60_000,
  10 * 60_000,
  30 * 60_000,
  60 * 60_000,
  2 * 60 * 60_000,
];

/** How long one attempt may take before it counts as failed. */
export const WEBHOOK_ATTEMPT_TIMEOUT_MS = 10_000;

/** A delivery as the retry rule sees it. */
export interface DeliveryAttempts {
  createdAt: Date;
  /** Attempts made, this one included. */
  attempts: number;
}

/** What an attempt met: an HTTP status, or none (refused, reset, timed out, refused by our own address rule). */
export interface AttemptOutcome {
  status: number | null;
  error?: string;
}

export type DeliveryDecision =
  | { status: 'delivered' }
  | { status: 'pending'; nextAttemptAt: Date; error: string }
  | { status: 'failed'; error: string };

/**
 * After an attempt: a 2xx delivers; anything else (a redirect too: the endpoint registered is the one signed for)
 * is tried again after the schedule's next wait, until a day after the order, then given up.
 */
export function afterAttempt(delivery: DeliveryAttempts, outcome: AttemptOutcome, now: Date): DeliveryDecision {
  if (outcome.status !== null && outcome.status >= 200 && outcome.status < 300) return { status: 'delivered' };
  const error = outcome.error ?? `the endpoint answered HTTP ${outcome.status}`;
  const wait = WEBHOOK_RETRY_DELAYS_MS[Math.min(delivery.attempts, WEBHOOK_RETRY_DELAYS_MS.length) - 1];
  const nextAttemptAt = new Date(now.getTime() + wait);
  const givesUpAt = delivery.createdAt.getTime() + WEBHOOK_GIVE_UP_AFTER_MS;
  if (nextAttemptAt.getTime() > givesUpAt) {
    return { status: 'failed', error: `${error}; gave up after ${delivery.attempts} attempts over 24 hours` };
  }
  return { status: 'pending', nextAttemptAt, error };
}

/**
 * The `Portal-Signature` header of a delivery: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, the way
 * Stripe signs, so that a receiver checks both who sent it and that it is fresh (a replayed old body fails `t`).
 */
export function signatureHeader(secret: string, timestampSeconds: number, body: string): string {
  const signature = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${signature}`;
}

/** Addresses a webhook may not reach unless its host is trusted: the platform's own network and the machine. */
const PRIVATE_RANGES = (() => {
  const list = new BlockList();
  for (const [network, prefix] of [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.168.0.0', 16],
    ['224.0.0.0', 4],
  ] as const) {
    list.addSubnet(network, prefix, 'ipv4');
  }
  list.addAddress('::', 'ipv6');
  list.addAddress('::1', 'ipv6');
  list.addSubnet('fc00::', 7, 'ipv6');
  list.addSubnet('fe80::', 10, 'ipv6');
  return list;
})();

/** Whether an IP address is one of the platform's own network or the machine's (so a webhook must not reach it). */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return PRIVATE_RANGES.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The endpoint an administrator may register: https, no credentials in it, and not an address of the platform's
 * own network, unless its host is one the operator trusts (CONNECTOR_WEBHOOK_TRUSTED_HOSTS, e.g. a development
 * receiver on 127.0.0.1, which may also speak plain http). Host names are checked again when they are resolved.
 */
export function checkWebhookUrl(raw: string, trustedHosts: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalidUrl('url must be an absolute URL such as https://erp.example.com/portal-orders');
  }
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const trusted = trustedHosts.includes(host);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && trusted)) {
    throw invalidUrl('url must start with https:// (the orders it carries are signed, not hidden)');
  }
  if (url.username || url.password) {
    throw invalidUrl('url must not carry a user name or password; the signature authenticates each delivery');
  }
  if (!trusted && (isPrivateAddress(host) || host === 'localhost' || host.endsWith('.localhost'))) {
    throw invalidUrl(`url points into the platform's own network (${host}); use an address the internet reaches`);
  }
  return url;
}

function invalidUrl(message: string): Refusal {
  return new Refusal('invalid', 'webhook_url_not_allowed', message, { field: 'url' });
}
