import type { Browser, BrowserContext, Page } from 'playwright-core';
import { accessibilityViolations, Journal, launchBrowser, personBrowser } from './support/browser';
import { adminMenu, heading, inviteContact, signInAtProvider, signInFromStart } from './support/pages';
import { startPortal, type Portal } from './support/portal';

// Seeds 000 and 001 in the browser: the administrator buys licenses and invites; the contact accepts by link or code.
describe('Collaborate & Exchange in the browser', () => {
  let portal: Portal;
  let browser: Browser;
  let ada: BrowserContext;
  let adaPage: Page;
  const journal = new Journal('collaborate-exchange');
  const violations: string[] = [];
  const checkAccessibility = async (page: Page, where: string) => {
    for (const v of await accessibilityViolations(page)) violations.push(`${where}: ${v}`);
  };

  beforeAll(async () => {
    [portal, browser] = await Promise.all([startPortal('cx'), launchBrowser()]);
    ada = await personBrowser(browser);
    adaPage = await ada.newPage();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('lets Ada sign in and see Collaborate & Exchange with no license yet', async () => {
    await adaPage.goto(portal.url);
    await journal.shot(adaPage, 'welcome');
    await checkAccessibility(adaPage, 'welcome');
    await signInFromStart(adaPage, portal.url, 'ada', portal.password);
    await adaPage.waitForURL(`**/admin/${portal.tenantId}`);
    await heading(adaPage).getByText('Collaborate & Exchange').waitFor();
    await adaPage.getByText('Installed', { exact: true }).first().waitFor();
    expect(await adaPage.getByTestId('licenses-available').textContent()).toBe('0');
    await journal.shot(adaPage, 'collaborate-exchange-empty');
    await checkAccessibility(adaPage, 'collaborate-exchange');
  });

  it('puts two licenses in the cart with the plus button and buys them once, however often Checkout is clicked', async () => {
    const plus = adaPage.getByRole('button', { name: 'Add a license to the cart' });
    await plus.click();
    await adaPage.getByText('The cart now holds 1 license.').waitFor();
    await plus.click();
    await adaPage.getByText('The cart now holds 2 licenses.').waitFor();
    await adaPage.getByRole('button', { name: 'Cart: 2 licenses' }).click();
    const cart = adaPage.getByRole('dialog');
    await cart.getByText('Total for 2 licenses').waitFor();
    expect(await cart.getByRole('spinbutton', { name: 'Quantity' }).inputValue()).toBe('2');
    expect(await cart.getByTestId('cart-total').textContent()).toBe('€25.00');
    await journal.shot(adaPage, 'cart');
    await checkAccessibility(adaPage, 'cart');
    await cart.getByRole('button', { name: 'Checkout' }).dblclick();
    await adaPage.getByText('2 licenses bought', { exact: true }).waitFor();
    await adaPage.getByTestId('licenses-available').getByText('2', { exact: true }).waitFor();
    expect(await adaPage.getByTestId('licenses-purchased').textContent()).toBe('2');
    await adaPage.getByRole('cell', { name: 'LIC-000001' }).waitFor();
    expect(await adaPage.getByRole('cell', { name: /^LIC-/ }).count()).toBe(1);
    await journal.shot(adaPage, 'bought');
  });

  it('invites Rita, the e-mail arrives, and she accepts by its link after signing in', async () => {
    const since = Date.now();
    await inviteContact(adaPage, {
      partner: 'C10000',
      contact: 'Rita Representative',
      role: 'Customer representative',
    });
    await adaPage.getByText('Invited: the e-mail is on its way to rita@fabrikam.example.').waitFor();
    await journal.shot(adaPage, 'invited-rita');

    await adminMenu(adaPage, 'Invitations');
    await adaPage
      .getByRole('row', { name: /Rita Representative/ })
      .getByText('Invited')
      .waitFor();
    await journal.shot(adaPage, 'invitations-invited');
    await checkAccessibility(adaPage, 'invitations');

    // Rita reads the e-mail in her mailbox and follows its link.
    const mail = await portal.mailTo('rita@fabrikam.example', since);
    const rita = await personBrowser(browser);
    const page = await rita.newPage();
    await page.goto(`${portal.mailboxUrl}/mail/${encodeURIComponent(mail.id)}`);
    await journal.shot(page, 'rita-email');
    await page.getByRole('link', { name: 'Accept the invitation' }).click();
    await heading(page).getByText('Your invitation').waitFor();
    await page.getByText('Ada Administrator invites you to the CRONUS Nederland BV Partner Portal').waitFor();
    await page.getByText('Fabrikam Retail (Customer)').waitFor();
    await journal.shot(page, 'invitation-page');
    await checkAccessibility(page, 'invitation page');
    await page.getByRole('button', { name: 'Sign in to accept' }).click();
    await signInAtProvider(page, 'rita', portal.password);
    await page
      .getByText(
        'You are invited to collaborate via the CRONUS Nederland BV Partner Portal. Please click the button below to accept the invitation.',
      )
      .waitFor();
    await journal.shot(page, 'invitation-signed-in');
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.waitForURL('**/portal?welcome=1');
    await page.getByText('You now have access to the portal for Fabrikam Retail.').waitFor();
    await journal.shot(page, 'rita-welcome');
    await checkAccessibility(page, 'partner home');
    await rita.close();

    // Ada's list turns to Accepted without a reload, and one license is consumed.
    await adaPage
      .getByRole('row', { name: /Rita Representative/ })
      .getByText('Accepted')
      .waitFor({ timeout: 20_000 });
    await journal.shot(adaPage, 'invitations-accepted');
    await adminMenu(adaPage, 'Collaborate & Exchange');
    await adaPage.getByTestId('licenses-consumed').getByText('1', { exact: true }).waitFor();
    expect(await adaPage.getByTestId('licenses-available').textContent()).toBe('1');
  });

  it('invites Aaron, who accepts with the registration code instead of the link', async () => {
    const since = Date.now();
    await inviteContact(adaPage, { partner: 'C10000', contact: 'Aaron Buyer', role: 'Authorized user' });
    await adaPage.getByText('Invited: the e-mail is on its way to aaron@fabrikam.example.').waitFor();
    const code = portal.codeOf(await portal.mailTo('aaron@fabrikam.example', since));

    const aaron = await personBrowser(browser);
    const page = await aaron.newPage();
    await page.goto(portal.url);
    await page.getByRole('link', { name: 'Enter your registration code' }).click();
    await page.getByRole('button', { name: 'Sign in to accept' }).click();
    await signInAtProvider(page, 'aaron', portal.password);
    await page.getByLabel('Registration code').fill(code.toLowerCase());
    await journal.shot(page, 'code-entry');
    await checkAccessibility(page, 'code entry');
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.waitForURL('**/portal?welcome=1');
    await aaron.close();

    await adminMenu(adaPage, 'Collaborate & Exchange');
    await adaPage.getByTestId('licenses-consumed').getByText('2', { exact: true }).waitFor();
    expect(await adaPage.getByTestId('licenses-available').textContent()).toBe('0');
    await journal.shot(adaPage, 'two-consumed');
  });

  it('refuses an invitation when no license is left, with the way to add licenses', async () => {
    await inviteContact(adaPage, { partner: 'C10000', contact: 'Alice Buyer', role: 'Authorized user' });
    await adaPage.getByText('No license is left. Add licenses to the cart and check out, then invite again.').waitFor();
    await adaPage.getByRole('link', { name: 'Add licenses' }).waitFor();
    await journal.shot(adaPage, 'no-license-left');
  });

  it('gives the license back on screen when an invitation is revoked', async () => {
    await adminMenu(adaPage, 'Collaborate & Exchange');
    await adaPage.getByRole('button', { name: 'Add a license to the cart' }).click();
    await adaPage.getByRole('button', { name: 'Cart: 1 license' }).click();
    await adaPage.getByRole('dialog').getByRole('button', { name: 'Checkout' }).click();
    await adaPage.getByTestId('licenses-available').getByText('1', { exact: true }).waitFor();

    await inviteContact(adaPage, { partner: 'C10000', contact: 'Alice Buyer', role: 'Authorized user' });
    await adaPage.getByText('Invited: the e-mail is on its way to alice@fabrikam.example.').waitFor();
    await adminMenu(adaPage, 'Collaborate & Exchange');
    await adaPage.getByTestId('licenses-reserved').getByText('1', { exact: true }).waitFor();
    expect(await adaPage.getByTestId('licenses-available').textContent()).toBe('0');

    await adminMenu(adaPage, 'Invitations');
    const row = adaPage.getByRole('row', { name: /Alice Buyer/ });
    await row.getByRole('button', { name: 'Actions for the invitation of Alice Buyer' }).click();
    await adaPage.getByRole('menuitem', { name: 'Revoke' }).click();
    const confirm = adaPage.getByRole('alertdialog');
    await confirm.getByText('the license held for the invitation goes back to the pool', { exact: false }).waitFor();
    await journal.shot(adaPage, 'revoke-confirm');
    await confirm.getByRole('button', { name: 'Revoke' }).click();
    await row.getByText('Revoked').waitFor();

    await adminMenu(adaPage, 'Collaborate & Exchange');
    await adaPage.getByTestId('licenses-available').getByText('1', { exact: true }).waitFor();
    expect(await adaPage.getByTestId('licenses-reserved').textContent()).toBe('0');
    await journal.shot(adaPage, 'revoked-license-back');
  });

  it('has no serious or critical accessibility violation on any page of the journey', () => {
    expect(violations).toEqual([]);
  });
});
