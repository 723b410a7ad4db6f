import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ensureChromium, localDir } from '@partner-portal/infra';

/** Debian's Chromium, headless, without the background traffic this machine's closed network refuses. */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: ensureChromium(), headless: true, args: CHROMIUM_FLAGS });
}

/** A person's own browser: own cookies and session storage, the language of their browser. */
export async function personBrowser(browser: Browser, locale = 'en-GB'): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale,
    viewport: { width: 1360, height: 900 },
    acceptDownloads: true,
    permissions: ['clipboard-read', 'clipboard-write'],
    // As people who turn animations off see it (Fluent honours it): no half-faded toast or dialog for axe to measure.
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(15_000);
  return context;
}

/** Screenshots of a journey's steps, numbered, under .local/test-results/web/<journey>/ for a person to look at. */
export class Journal {
  private step = 0;
  readonly dir: string;

  constructor(journey: string) {
    this.dir = join(localDir, 'test-results', 'web', journey);
    mkdirSync(this.dir, { recursive: true });
  }

  async shot(page: Page, name: string): Promise<void> {
    this.step += 1;
    await page.screenshot({
      path: join(this.dir, `${String(this.step).padStart(2, '0')}-${name}.png`),
      fullPage: true,
    });
  }
}

/** Serious and critical accessibility violations axe finds on the page as it is now (WCAG 2.1 A and AA). */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // Waits for the page to settle: a dialog fading in has text at part opacity (axe would count low contrast), and a
  // closed dialog gives the page back to screen readers a moment after it is gone (tabster's modalizer). Stuck, axe
  // reports it. Spinners animate forever: only animations that end are waited for.
  for (let attempt = 0; attempt < 15; attempt += 1) {
    await page.evaluate(`Promise.all(
      document.getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    )`);
    await page.waitForTimeout(100);
    const pageHiddenWithoutDialog = await page.evaluate(
      `document.querySelector('#root[aria-hidden=true]') !== null && !document.querySelector('[role=dialog], [role=alertdialog]')`,
    );
    if (!pageHiddenWithoutDialog) break;
  }
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    // Fluent's focus sentinels around dialogs and drawers: hidden, focusable for a moment, and moving focus on at
    // once (tabster); axe cannot tell them from content that traps focus.
    .exclude('[data-tabster-dummy]')
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
