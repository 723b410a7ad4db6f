import type { Browser, Locator, Page } from 'playwright-core';
import { accessibilityViolations, Journal, launchBrowser, personBrowser } from './support/browser';
import { heading, signInAtProvider, signInFromStart } from './support/pages';
import { preparations } from './support/preparations';
import { startPortal, type Portal } from './support/portal';

/** Presses Tab until the element has the focus: proof that the keyboard reaches it, in page order. */
async function tabTo(page: Page, target: Locator, what: string): Promise<void> {
  for (let presses = 0; presses < 80; presses += 1) {
    if (await target.evaluate((element) => element === element.ownerDocument.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${what}`);
}

// The portal in Dutch and German as a browser set to those languages meets it, the language switch, and the
// Invite page operated with the keyboard alone.
describe('languages and the keyboard, in the browser', () => {
  let portal: Portal;
  let browser: Browser;
  const journal = new Journal('languages-and-keyboard');
  const violations: string[] = [];
  const check = async (page: Page, where: string) => {
    await journal.shot(page, where);
    for (const v of await accessibilityViolations(page)) violations.push(`${where}: ${v}`);
  };

  beforeAll(async () => {
    [portal, browser] = await Promise.all([startPortal('languages'), launchBrowser()]);
    await preparations(portal).buyLicenses(3);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('speaks German to a German browser: the welcome page, Collaborate & Exchange, amounts and plurals', async () => {
    const page = await (await personBrowser(browser, 'de-DE')).newPage();
    await page.goto(portal.url);
    await heading(page).getByText('Willkommen im Partnerportal').waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    await check(page, 'de-welcome');
    await page.getByRole('main').getByRole('button', { name: 'Anmelden' }).click();
    await signInAtProvider(page, 'ada', portal.password);
    await page.waitForURL(`**/admin/${portal.tenantId}`);
    await page.getByText('Lizenzen für Partnerbenutzer').waitFor();
    await page.getByRole('button', { name: 'Eine Lizenz in den Warenkorb legen' }).click();
    await page.getByText('Der Warenkorb enthält jetzt 1 Lizenz.').waitFor();
    await page.getByRole('button', { name: /^Warenkorb: 1 Lizenz$/ }).click();
    // 12.50 euro as Germans write it.
    expect(await page.getByRole('dialog').getByTestId('cart-total').textContent()).toBe('12,50\u00a0€');
    await check(page, 'de-cart');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await check(page, 'de-collaborate-exchange');
    await page.context().close();
  });

  it('switches to Dutch with the language choice and keeps it after a reload', async () => {
    const page = await (await personBrowser(browser, 'en-GB')).newPage();
    await signInFromStart(page, portal.url, 'ada', portal.password);
    await page.getByText('Partner user licenses').waitFor();
    await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Nederlands' });
    await page.getByText('Licenties voor partnergebruikers').waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await page.getByRole('navigation', { name: 'Beheer' }).getByRole('link', { name: 'Uitnodigingen' }).click();
    await heading(page).getByText('Uitnodigingen').waitFor();
    await check(page, 'nl-invitations');
    await page.reload();
    await heading(page).getByText('Uitnodigingen').waitFor();
    expect(await page.getByRole('combobox', { name: 'Taal' }).inputValue()).toBe('nl');
    await page.context().close();
  });

  it('invites a contact with the keyboard alone, from the skip link to the result', async () => {
    const page = await (await personBrowser(browser, 'en-GB')).newPage();
    await signInFromStart(page, portal.url, 'ada', portal.password);
    await page.goto(`${portal.url}/admin/${portal.tenantId}/invite`);
    await heading(page).getByText('Invite').waitFor();

    // The first Tab of the page offers the skip link, which moves past the header and the menu.
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    expect(await skip.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.press('Enter');

    // A dropdown opens with Enter, finds an option by its first letters as they are typed, and takes it with Enter.
    const chooseWithKeys = async (box: Locator, what: string, typed: string, shown: RegExp) => {
      await tabTo(page, box, what);
      if ((await box.textContent())?.match(shown)) return;
      await page.keyboard.press('Enter');
      await page.getByRole('listbox').waitFor();
      await page.keyboard.type(typed);
      await page.keyboard.press('Enter');
      await box.getByText(shown).waitFor();
    };
    const combobox = (name: string) => page.getByRole('combobox', { name, exact: true });
    await chooseWithKeys(combobox('Environment'), 'the environment', 'production', /^production/);
    await chooseWithKeys(combobox('Company'), 'the company', 'CRONUS', /CRONUS/);
    const partner = page.getByRole('combobox', { name: 'Partner', exact: true });
    await tabTo(page, partner, 'the partner search');
    await page.keyboard.type('C10000');
    // Typing makes the first option that matches the active one; Enter takes it.
    await page.getByRole('option', { name: /^C10000 / }).waitFor();
    await page.keyboard.press('Enter');

    const row = page.getByRole('row', { name: /Rita Representative/ });
    await row.waitFor();
    await tabTo(page, row.getByRole('checkbox'), 'the checkbox of Rita');
    await page.keyboard.press('Space');
    expect(await row.getByRole('checkbox').isChecked()).toBe(true);
    await chooseWithKeys(row.getByRole('combobox'), 'the role of Rita', 'Customer', /Customer representative/);
    await tabTo(page, page.getByRole('button', { name: 'Invite 1 contact' }), 'the Invite button');
    await check(page, 'keyboard-invite');
    await page.keyboard.press('Enter');
    await page.getByText('Invited: the e-mail is on its way to rita@fabrikam.example.').waitFor();
    await check(page, 'keyboard-invited');
    await page.context().close();
  });

  it('has no serious or critical accessibility violation in any language', () => {
    expect(violations).toEqual([]);
  });
});
