import { createHmac } from 'node:crypto';
import { refusalCodeOf } from '@partner-portal/api-contracts';
import {
  afterAttempt,
  checkWebhookUrl,
  isPrivateAddress,
  signatureHeader,
  WEBHOOK_RETRY_DELAYS_MS,
} from './webhook-delivery-rules';

const ordered = new Date('2026-12-03T08:00:00Z');
const minutesLater = (minutes: number) => new Date(ordered.getTime() + minutes * 60_000);

describe('delivering a portal order to a webhook', () => {
  describe('after an attempt', () => {
    it('given any 2xx, then the order is delivered', () => {
      expect(afterAttempt({ createdAt: ordered, attempts: 1 }, { status: 204 }, ordered)).toEqual({
        status: 'delivered',
      });
    });

    it('given a first failure, when the endpoint answered 500, then it is tried again 5 seconds later, saying why', () => {
      expect(afterAttempt({ createdAt: ordered, attempts: 1 }, { status: 500 }, ordered)).toEqual({
        status: 'pending',
        nextAttemptAt: new Date(ordered.getTime() + 5_000),
        error: 'the endpoint answered HTTP 500',
      });
    });

    it('given a redirect, then it is a failure: the endpoint signed for is the one registered', () => {
      expect(afterAttempt({ createdAt: ordered, attempts: 1 }, { status: 301 }, ordered).status).toBe('pending');
    });

    it('given no answer at all, then the reason is the transport error', () => {
      const decision = afterAttempt(
        { createdAt: ordered, attempts: 2 },
        { status: null, error: 'the endpoint could not be reached: connect ECONNREFUSED' },
        ordered,
      );
      expect(decision).toEqual({
        status: 'pending',
        nextAttemptAt: new Date(ordered.getTime() + 30_000),
        error: 'the endpoint could not be reached: connect ECONNREFUSED',
      });
    });

    it('given the waits grow, when the schedule is used up, then the last wait repeats', () => {
      const last = WEBHOOK_RETRY_DELAYS_MS[WEBHOOK_RETRY_DELAYS_MS.length - 1];
      const decision = afterAttempt({ createdAt: ordered, attempts: 20 }, { status: 503 }, minutesLater(60));
      expect(decision).toMatchObject({ status: 'pending', nextAttemptAt: new Date(minutesLater(60).getTime() + last) });
    });

    it('given a day of failures, when the next wait would pass 24 hours after the order, then it is given up', () => {
      const decision = afterAttempt({ createdAt: ordered, attempts: 17 }, { status: 502 }, minutesLater(23 * 60));
      expect(decision).toEqual({
        status: 'failed',
        error: 'the endpoint answered HTTP 502; gave up after 17 attempts over 24 hours',
      });
    });
  });

  describe('the signature', () => {
    it('is t=<seconds>,v1=<HMAC-SHA256 of "<t>.<body>"> in hex, which a receiver recomputes from the raw body', () => {
      const body = '{"cursor":"1","event":{}}';
      const header = signatureHeader('whsec_test_secret_of_enough_length', 1_764_748_800, body);
      const expected = createHmac('sha256', 'whsec_test_secret_of_enough_length')
        .update(`1764748800.${body}`)
        .digest('hex');
      expect(header).toBe(`t=1764748800,v1=${expected}`);
      expect(signatureHeader('another secret of enough length!', 1_764_748_800, body)).not.toBe(header);
    });
  });

  describe('the endpoint an administrator registers', () => {
    it('given an https URL on the internet, then it is taken', () => {
      expect(checkWebhookUrl('https://erp.example.com/portal-orders', []).href).toBe(
        'https://erp.example.com/portal-orders',
      );
    });

    it('given plain http, a user name in it, or no URL at all, then it is refused naming url', () => {
      expect(refusalCodeOf(() => checkWebhookUrl('http://erp.example.com/orders', []))).toBe('webhook_url_not_allowed');
      expect(refusalCodeOf(() => checkWebhookUrl('https://bc:secret@erp.example.com/', []))).toBe(
        'webhook_url_not_allowed',
      );
      expect(refusalCodeOf(() => checkWebhookUrl('erp.example.com/orders', []))).toBe('webhook_url_not_allowed');
      expect(refusalCodeOf(() => checkWebhookUrl('ftp://erp.example.com/orders', []))).toBe('webhook_url_not_allowed');
    });

    it("given an address of the platform's own network, then it is refused, unless the operator trusts that host", () => {
      for (const inside of [
        'https://127.0.0.1:3104/internal/dev',
        'https://10.0.0.7/',
        'https://192.168.1.10/',
        'https://169.254.169.254/latest/meta-data',
        'https://[::1]/',
        'https://localhost/',
      ]) {
        expect(refusalCodeOf(() => checkWebhookUrl(inside, []))).toBe('webhook_url_not_allowed');
      }
      expect(checkWebhookUrl('http://127.0.0.1:4000/orders', ['127.0.0.1']).port).toBe('4000');
    });

    it('tells private addresses from public ones, IPv4 and IPv6, and leaves names to the resolver', () => {
      expect(
        ['10.1.2.3', '172.31.0.1', '100.64.0.1', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1'].map(isPrivateAddress),
      ).toEqual([true, true, true, true, true, true, true]);
      expect(['8.8.8.8', '172.32.0.1', '2001:4860:4860::8888', 'erp.example.com'].map(isPrivateAddress)).toEqual([
        false,
        false,
        false,
        false,
      ]);
    });
  });
});
