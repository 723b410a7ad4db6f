import type { Page } from 'playwright-core';

/** The identity provider's own sign-in page (the development provider; Entra ID's in production). */
export async function signInAtProvider(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('User name').waitFor();
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Answers the provider's "Sign out?" question (its own page, after the portal's sign-out). */
export async function confirmSignOutAtProvider(page: Page): Promise<void> {
  await page.getByText('Sign out of the development identity provider, and so of the Partner Portal?').waitFor();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
}

/** Signs in from the start page, and waits for the app to show the page the person lands on. */
export async function signInFromStart(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
  await signInAtProvider(page, username, password);
  await page.waitForURL((u) => u.origin === new URL(url).origin && !u.pathname.startsWith('/auth/'));
}

/** The page's one h1. */
export const heading = (page: Page) => page.getByRole('heading', { level: 1 });

/** An item of the administrator's side menu. */
export async function adminMenu(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name }).click();
  await heading(page).waitFor();
}

/** Picks an option of a Fluent dropdown by its label, unless it shows that option already. */
export async function selectOption(page: Page, label: string, option: string | RegExp): Promise<void> {
  const box = page.getByRole('combobox', { name: label, exact: true });
  if ((await box.textContent())?.match(option)) return;
  await box.click();
  await page.getByRole('option', { name: option }).first().click();
}

/** On the Invite page: production, the company, the partner found by typing its number, as a person would. */
export async function choosePartner(page: Page, partnerNo: string): Promise<void> {
  await adminMenu(page, 'Invite');
  // The menu's link starts afresh, even from a chosen partner; the router renders it in a transition, so the old
  // choice can still show for a moment on a busy machine.
  await page
    .getByRole('combobox', { name: 'Company', exact: true })
    .and(page.locator('[disabled], [aria-disabled="true"]'))
    .waitFor();
  await selectOption(page, 'Environment', /^production/);
  await selectOption(page, 'Company', /CRONUS/);
  const partner = page.getByRole('combobox', { name: 'Partner', exact: true });
  await partner.click();
  await partner.pressSequentially(partnerNo);
  await page.getByRole('option', { name: new RegExp(`^${partnerNo} `) }).click();
}

/** Invites one contact of a partner with a role from the Invite page. */
export async function inviteContact(
  page: Page,
  target: { partner: string; contact: string; role: string },
): Promise<void> {
  await choosePartner(page, target.partner);
  const row = page.getByRole('row', { name: new RegExp(target.contact) });
  await row.getByRole('checkbox').check();
  await row.getByRole('combobox').click();
  await page.getByRole('option', { name: target.role, exact: true }).click();
  await page.getByRole('button', { name: /^Invite 1 contact$/ }).click();
}
