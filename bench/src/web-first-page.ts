// The web app's first documents page: with 1,000,000 documents in the read model, the time from a customer
// representative's sign-in done to the first page of purchase orders rendered and usable, in Debian's Chromium
// against the whole platform (gateway serving the build, every service, Kafka, PostgreSQL); and the built app's
// JavaScript per area (gzip), from Vite's manifest.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildWebApp, ensureChromium, readDevMailbox, repoRoot } from '@partner-portal/infra';
import { demoAccounts } from '@partner-portal/identity-provider';
import { DEMO_PEOPLE, KafkaSink, seed } from '@partner-portal/erp-simulator';
import { signIn, startPlatform, waitFor, type RunningPlatform } from '@partner-portal/testing';
import { limitVerdict, percentile, prepareBench, progress, report } from './bench-env';
import { loadDocuments } from './document-load';

const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 1_000_000);
const PARTNERS = 1_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const PASSWORD = 'bench-web-password';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Rita (customer representative of C10000) becomes a portal user the way people do: invited, accepting the code. */
async function makeRitaAPortalUser(platform: RunningPlatform, tenantId: string): Promise<void> {
  const rita = DEMO_PEOPLE.find((p) => p.username === 'rita');
  if (!rita?.contact) throw new Error('the demo people lack rita');
  const tokenOf = async (username: string) =>
    (await signIn(platform.issuer, { username, password: PASSWORD })).accessToken;
  const ada = await tokenOf('ada');
  const tenant = `/api/admin/tenants/${tenantId}`;
  const must = async (expected: number, answer: Promise<{ status: number; body: unknown }>) => {
    const { status, body } = await answer;
    if (status !== expected) throw new Error(`expected ${expected}, got ${status}: ${JSON.stringify(body)}`);
    return body as Record<string, unknown>;
  };
  await must(201, platform.call('POST', `${tenant}/cart/lines`, { token: ada, body: { quantity: 1 } }));
  await must(
    201,
    platform.call('POST', `${tenant}/checkout`, { token: ada, headers: { 'idempotency-key': 'bench-web-checkout' } }),
  );
  const since = Date.now();
  const invite = () =>
    platform.call('POST', `${tenant}/invitations`, {
      token: ada,
      body: {
        environment: 'production',
        companyId: 'CRONUS',
        partnerType: 'customer',
        partnerNo: rita.contact!.partnerNo,
        contactNo: rita.contact!.contactNo,
        role: 'customer_representative',
      },
    });
  await must(
    201,
    waitFor(invite, (answer) => answer.status !== 404, { what: "the ERP's master data", timeoutMs: 60_000 }),
  );
  const mail = await waitFor(
    () => readDevMailbox(platform.mailDir).find((m) => m.to === rita.email && Date.parse(m.sentAt) >= since),
    (found) => found !== undefined,
    { what: "rita's invitation e-mail", timeoutMs: 60_000 },
  );
  const code = /^ {4}([A-Z0-9]{5}-[A-Z0-9]{5})$/m.exec(mail!.text)?.[1];
  if (!code) throw new Error('no registration code in the invitation e-mail');
  const ritaToken = await tokenOf('rita');
  await must(200, platform.call('POST', '/api/portal/invitations/accept', { token: ritaToken, body: { code } }));
  await waitFor(
    () => platform.call('GET', '/api/portal/documents?type=purchase_order&pageSize=1', { token: ritaToken }),
    (answer) => answer.status === 200,
    { what: "rita's membership in document-projection", timeoutMs: 60_000 },
  );
}

/** One run in a fresh browser profile: sign in, then open the purchase orders; ms from sign-in done to usable. */
async function oneRun(browser: Browser, url: string): Promise<{ openMs: number; clickMs: number }> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1360, height: 900 } });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('User name').fill('rita');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Sign-in is done when the provider has sent the browser back and the app has taken the code.
    await page.waitForURL((u) => u.origin === new URL(url).origin && !u.pathname.startsWith('/auth/'));
    let started = performance.now();
    await page.goto(`${url}/portal/documents/purchase_order`);
    await firstPageUsable(page);
    const openMs = performance.now() - started;
    // The same page reached as a person does from the home page: the workspace menu's link.
    await page.goto(`${url}/portal`);
    await page.getByRole('navigation', { name: 'Workspace' }).waitFor();
    started = performance.now();
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Purchase orders' }).click();
    await firstPageUsable(page);
    return { openMs, clickMs: performance.now() - started };
  } finally {
    await context.close();
  }
}

/** Rendered and usable: the table has its rows and the first document's link can be followed. */
async function firstPageUsable(page: Page): Promise<void> {
  const firstLink = page.getByRole('main').locator('table tbody tr').first().getByRole('link').first();
  await firstLink.waitFor({ state: 'visible' });
  await page.getByRole('main').getByRole('progressbar').first().waitFor({ state: 'hidden' });
}

/**
 * Gzip kB of every JavaScript file an area can load (its chunk and what it imports), from Vite's manifest; of the
 * language chunks only one counts (the largest), as a person's browser fetches only the language they read.
 */
function bundleSizes(): Record<string, number> {
  const dist = join(repoRoot, 'services/web/dist');
  type Chunk = { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] };
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<string, Chunk>;
  const gzip = (key: string) => gzipSync(readFileSync(join(dist, manifest[key].file)), { level: 9 }).length;
  const isLanguage = (key: string) => /\/i18n\/\w+\.json$/.test(key);
  const oneLanguage = Math.max(...Object.keys(manifest).filter(isLanguage).map(gzip));
  const closure = (keys: string[], followDynamic: (key: string) => boolean, seen = new Set<string>()) => {
    for (const key of keys) {
      if (seen.has(key) || !manifest[key]) continue;
      seen.add(key);
      closure(manifest[key].imports ?? [], followDynamic, seen);
      closure((manifest[key].dynamicImports ?? []).filter(followDynamic), followDynamic, seen);
    }
    return seen;
  };
  const kb = (keys: Set<string>) =>
    Math.round(
      ([...keys].filter((k) => manifest[k].file.endsWith('.js')).reduce((s, k) => s + gzip(k), 0) + oneLanguage) /
        102.4,
    ) / 10;
  const entry = Object.keys(manifest).find((k) => manifest[k].isEntry) as string;
  const area = (name: string) => Object.keys(manifest).find((k) => k.endsWith(`${name}-area.ts`)) as string;
  const shell = closure([entry], () => false);
  const withArea = (name: string, other: string) =>
    closure(
      [entry, area(name)],
      (key) => !isLanguage(key) && (!key.endsWith(`${other}-area.ts`) || key === area(name)),
    );
  return {
    shellKbGzip: kb(shell),
    partnerAreaKbGzip: kb(withArea('partner', 'admin')),
    adminAreaKbGzip: kb(withArea('admin', 'partner')),
    partnerFirstLoadKbGzip: kb(closure([entry, area('partner')], () => false)),
  };
}

async function main(): Promise<void> {
  await prepareBench();
  progress(`web app: ${await buildWebApp(progress)}`);
  const tenantId = 'bench-web';
  const platform = await startPlatform('bench-web', demoAccounts(tenantId, PASSWORD), { webApp: {} });
  const sink = new KafkaSink(platform.kafkaBrokers, platform.topicPrefix);
  const browser = await chromium.launch({ executablePath: ensureChromium(), headless: true, args: FLAGS });
  try {
    await seed(sink, {
      tenantId,
      seed: 7,
      size: { customers: 4, vendors: 1, thirdPartyLogistics: 1, contactsPerPartner: 1, items: 8 },
    });
    await makeRitaAPortalUser(platform, tenantId);
    progress(`loading ${DOCUMENTS} documents over ${PARTNERS} customers ...`);
    await loadDocuments(platform.databaseUrls['document-projection'], tenantId, DOCUMENTS, PARTNERS, progress);
    progress(`one warm-up run, then ${RUNS} runs, each in a fresh browser profile ...`);
    await oneRun(browser, platform.gatewayUrl);
    const open: number[] = [];
    const click: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const { openMs, clickMs } = await oneRun(browser, platform.gatewayUrl);
      open.push(openMs);
      click.push(clickMs);
    }
    open.sort((a, b) => a - b);
    click.sort((a, b) => a - b);
    const ms = (n: number) => Math.round(n);
    const sizes = bundleSizes();
    const verdicts = [
      limitVerdict('p95 opened by its address', ms(percentile(open, 95)), 'ms', 1_000),
      limitVerdict('p95 opened from the workspace menu', ms(percentile(click, 95)), 'ms', 1_000),
      limitVerdict('JavaScript of the partner area, gzip', sizes.partnerAreaKbGzip, 'kB', 300),
    ];
    report('web-first-documents-page', verdicts, {
      documents: DOCUMENTS,
      runs: RUNS,
      openedByAddress: { p50Ms: ms(percentile(open, 50)), p95Ms: ms(percentile(open, 95)), maxMs: ms(open.at(-1)!) },
      openedFromMenu: { p50Ms: ms(percentile(click, 50)), p95Ms: ms(percentile(click, 95)), maxMs: ms(click.at(-1)!) },
      ...sizes,
    });
  } finally {
    await browser.close();
    await sink.close();
    await platform.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
