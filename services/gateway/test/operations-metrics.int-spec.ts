import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Topics } from '@partner-portal/contracts';
import {
  companyUpserted,
  CONTACTS,
  erpPlace,
  masterData,
  people,
  PLATFORM_SERVICES,
  type RunningPlatform,
  salesOrder,
  startPlatform,
  tokenOf,
  waitFor,
} from '@partner-portal/testing';

const ALERTS = join(__dirname, '../../../infra/prometheus/alerts.yml');

/** One sample of a Prometheus text exposition: name, labels, value. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function samplesOf(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [, name, labelText = '', value] = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)/.exec(line) ?? [];
      const labels = Object.fromEntries(
        [...labelText.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, k, v]) => [k, v]),
      );
      return { name, labels, value: Number(value) };
    });
}

/** The metric names an alert expression reads: its identifiers, without functions, keywords, labels and ranges. */
function metricsOf(expression: string): string[] {
  const PROMQL_WORDS = new Set([
    'sum',
    'max',
    'min',
    'avg',
    'count',
    'by',
    'without',
    'on',
    'ignoring',
    'group_left',
    'group_right',
    'and',
    'or',
    'unless',
    'offset',
    'rate',
    'irate',
    'increase',
    'delta',
    'histogram_quantile',
    'absent',
    'clamp_min',
    'bool',
  ]);
  const bare = expression
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '')
    .replace(/\boffset\s+\w+/g, '');
  return [...bare.matchAll(/[a-zA-Z_:][\w:]*/g)]
    .map(([word]) => word)
    .filter((word) => !PROMQL_WORDS.has(word) && !/^\d/.test(word))
    .filter((word, i, all) => all.indexOf(word) === i);
}

// What an operator watches: each service's /metrics has the process's own figures and the business gauges, and every
// metric the example alert rules (infra/prometheus/alerts.yml) read is one a service really exposes.
describe('metrics an operator watches (GET /metrics of every service)', () => {
  let platform: RunningPlatform;
  const tenant = 'tenant-metrics';
  const place = erpPlace(tenant);
  const who = people(tenant);
  const admin = `/api/admin/tenants/${tenant}`;

  const scrape = async (): Promise<Sample[]> =>
    (
      await Promise.all(
        [...PLATFORM_SERVICES, 'gateway' as const].map(async (name) =>
          samplesOf(await (await fetch(`${platform.services[name].baseUrl}/metrics`)).text()),
        ),
      )
    ).flat();
  const valueOf = (samples: Sample[], name: string, labels: Record<string, string>) =>
    samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

  beforeAll(async () => {
    platform = await startPlatform('metrics', Object.values(who));
    await platform.publisher.publish(...masterData(place, who), salesOrder(place, 'SO-METRICS'));
  }, 120_000);
  afterAll(() => platform?.stop());

  it('counts invitations by status and licenses by state per tenant, the projection lag, dead letters by topic', async () => {
    const adminToken = await tokenOf(platform, who.admin);
    expect(
      (await platform.call('POST', `${admin}/cart/lines`, { token: adminToken, body: { quantity: 3 } })).status,
    ).toBe(201);
    const checkout = await platform.call('POST', `${admin}/checkout`, {
      token: adminToken,
      headers: { 'idempotency-key': 'metrics-checkout' },
    });
    expect(checkout.status).toBe(201);
    const invite = {
      environment: 'production',
      companyId: 'CRONUS',
      partnerType: 'customer',
      partnerNo: 'C10000',
      contactNo: CONTACTS.rita.contactNo,
      role: 'customer_representative',
    };
    await waitFor(
      () => platform.call('POST', `${admin}/invitations`, { token: adminToken, body: invite }),
      (r) => r.status === 201,
      { what: 'the invitation of Rita' },
    );
    // An event no consumer can apply: a company with a negative ERP version.
    const poisoned = companyUpserted(place, 'Poisoned');
    await platform.publisher.publishRaw(
      Topics.ErpMasterdata,
      'poisoned',
      JSON.stringify({ ...poisoned, payload: { ...poisoned.payload, erpVersion: -1 } }),
    );

    const samples = await waitFor(
      scrape,
      (s) =>
        valueOf(s, 'portal_invitations', { tenant, status: 'invited' }) === 1 &&
        valueOf(s, 'portal_licenses', { tenant, state: 'reserved' }) === 1 &&
        (valueOf(s, 'dead_letters', { topic: 'erp.masterdata', status: 'dead' }) ?? 0) >= 1 &&
        (valueOf(s, 'inbox_event_lag_seconds_count', { group: 'document-projection', topic: 'erp.documents' }) ?? 0) >=
          1,
      { timeoutMs: 60_000, what: 'the business gauges to show the journey' },
    );
    expect(valueOf(samples, 'portal_licenses', { tenant, state: 'purchased' })).toBe(3);
    expect(valueOf(samples, 'portal_licenses', { tenant, state: 'available' })).toBe(2);
    expect(valueOf(samples, 'portal_licenses', { tenant, state: 'consumed' })).toBe(0);
    // The sales order was applied within a minute of reaching Kafka.
    const lagSum = valueOf(samples, 'inbox_event_lag_seconds_sum', {
      group: 'document-projection',
      topic: 'erp.documents',
    });
    expect(lagSum).toBeGreaterThanOrEqual(0);
    expect(lagSum).toBeLessThan(60);
    // Each process's own figures: GC pauses, event loop lag, heap.
    for (const name of [
      'nodejs_gc_duration_seconds_count',
      'nodejs_eventloop_lag_p99_seconds',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect([name, samples.some((s) => s.name === name)]).toEqual([name, true]);
    }
  });

  it('exposes every metric the example alert rules read', async () => {
    const rules = parse(readFileSync(ALERTS, 'utf8')) as {
      groups: Array<{ rules: Array<{ alert: string; expr: string; annotations: { summary: string } }> }>;
    };
    const alerts = rules.groups.flatMap((g) => g.rules);
    expect(alerts.length).toBeGreaterThanOrEqual(8);
    const exposed = new Set((await scrape()).map((s) => s.name));
    // `up` is Prometheus' own, written for each target it scrapes.
    const missing = alerts.flatMap((rule) =>
      metricsOf(rule.expr)
        .filter((metric) => metric !== 'up' && !exposed.has(metric))
        .map((metric) => `${rule.alert}: ${metric}`),
    );
    expect(missing).toEqual([]);
    for (const rule of alerts) expect([rule.alert, typeof rule.annotations?.summary]).toEqual([rule.alert, 'string']);
  });
});
