import type { Browser, BrowserContext, Page } from 'playwright-core';
import { accessibilityViolations, Journal, launchBrowser, personBrowser } from './support/browser';
import { adminMenu, confirmSignOutAtProvider, heading, signInAtProvider, signInFromStart } from './support/pages';
import { startPortal, type Portal } from './support/portal';

/** Access tokens of this journey's sign-ins end after this long, so the end of a session can be seen. */
const TOKEN_SECONDS = 20;

// The end of a session: an expired sign-in shows a clear page and returns to where the person was; signing out
// ends the provider's session too, and tokens never reach localStorage.
describe('a session in the browser', () => {
  let portal: Portal;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const journal = new Journal('session');
  const violations: string[] = [];

  beforeAll(async () => {
    [portal, browser] = await Promise.all([
      startPortal('session', { accessTokenTtlSeconds: TOKEN_SECONDS }),
      launchBrowser(),
    ]);
    context = await personBrowser(browser);
    page = await context.newPage();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('keeps the tokens in session storage only, never in local storage or a cookie of the app', async () => {
    await signInFromStart(page, portal.url, 'ada', portal.password);
    await heading(page).getByText('Collaborate & Exchange').waitFor();
    const storage = JSON.parse(
      (await page.evaluate(
        'JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie })',
      )) as string,
    ) as { local: Record<string, string>; session: Record<string, string>; cookie: string };
    expect(Object.values(storage.session).some((value) => value.includes('access_token'))).toBe(true);
    expect(JSON.stringify(storage.local)).not.toMatch(/access_token|id_token|refresh_token/);
    expect(storage.cookie).toBe('');
  });

  it('shows "Your session has ended" when the sign-in expires, and signing in again returns to the same page', async () => {
    await adminMenu(page, 'Portal users');
    const before = new URL(page.url()).pathname;
    await page
      .getByRole('heading', { name: 'Your session has ended' })
      .waitFor({ timeout: (TOKEN_SECONDS + 15) * 1000 });
    expect(new URL(page.url()).pathname).toBe('/session-ended');
    await journal.shot(page, 'session-ended');
    for (const v of await accessibilityViolations(page)) violations.push(`session-ended: ${v}`);
    await page.getByRole('button', { name: 'Sign in again' }).click();
    // The provider still knows the person, so no password is asked; the app opens the page they were on.
    await page.waitForURL((url) => url.pathname === before);
    await heading(page).getByText('Portal users').waitFor();
  });

  it('signs out of the portal and of the provider: the next visit asks for the password again', async () => {
    await page.getByRole('banner').getByRole('button', { name: 'Sign out', exact: true }).click();
    await confirmSignOutAtProvider(page);
    await page.getByRole('heading', { name: 'You are signed out' }).waitFor();
    await journal.shot(page, 'signed-out');
    for (const v of await accessibilityViolations(page)) violations.push(`signed-out: ${v}`);
    expect(
      await page.evaluate('Object.values({ ...sessionStorage }).some((value) => value.includes("access_token"))'),
    ).toBe(false);

    await page.goto(`${portal.url}/admin/${portal.tenantId}/invitations`);
    await signInAtProvider(page, 'ada', portal.password);
    await page.waitForURL((url) => url.pathname === `/admin/${portal.tenantId}/invitations`);
    await heading(page).getByText('Invitations').waitFor();
  });

  it('has no serious or critical accessibility violation on the pages of a session', () => {
    expect(violations).toEqual([]);
  });
});
