import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contactUpserted, deskOrder, erpPlace, waitFor } from '@partner-portal/testing';
import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations, Journal, launchBrowser, personBrowser } from './support/browser';
import { adminMenu, heading, signInFromStart } from './support/pages';
import { startPortal, type Portal } from './support/portal';
import { preparations } from './support/preparations';

const BULK = 30;

// The administrator's other pages: the invitation list (URL state, export), portal users, keys, settings, admins.
describe("the administrator's pages, in the browser", () => {
  let portal: Portal;
  let browser: Browser;
  let ada: Page;
  let prep: ReturnType<typeof preparations>;
  const journal = new Journal('admin-pages');
  const violations: string[] = [];
  const check = async (page: Page, where: string) => {
    await journal.shot(page, where);
    for (const v of await accessibilityViolations(page)) violations.push(`${where}: ${v}`);
  };

  beforeAll(async () => {
    [portal, browser] = await Promise.all([startPortal('admin-pages'), launchBrowser()]);
    prep = preparations(portal);
    const place = erpPlace(portal.tenantId);
    // Thirty more contacts of Fabrikam, one of them named like a spreadsheet formula.
    await portal.publish(
      Array.from({ length: BULK }, (_, i) =>
        contactUpserted(place, {
          partnerNo: 'C10000',
          contactNo: `CT-BULK-${String(i + 1).padStart(2, '0')}`,
          name: i === 0 ? '=SUM(1+1) Bulk' : `Bulk Buyer ${i + 1}`,
          email: `bulk${i + 1}@fabrikam.example`,
        }),
      ),
    );
    await prep.buyLicenses(BULK + 5);
    const rita = await prep.invitePerson('rita', 'customer_representative');
    await prep.accept('rita', rita.code);
    const aaron = await prep.invitePerson('aaron');
    await prep.accept('aaron', aaron.code);
    const invitations = Array.from({ length: BULK }, (_, i) => ({
      environment: 'production',
      companyId: 'CRONUS',
      partnerType: 'customer',
      partnerNo: 'C10000',
      contactNo: `CT-BULK-${String(i + 1).padStart(2, '0')}`,
      role: 'authorized_user',
    }));
    const bulk = await prep.admin('POST', `${prep.tenant}/invitations/bulk`, { invitations });
    expect(bulk.body.results.filter((r: { outcome: string }) => r.outcome === 'created')).toHaveLength(BULK);
    ada = await (await personBrowser(browser)).newPage();
    await signInFromStart(ada, portal.url, 'ada', portal.password);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('keeps the invitation list filters, sort and page in the URL, so a reload shows the same list', async () => {
    await adminMenu(ada, 'Invitations');
    await ada.getByRole('searchbox', { name: 'Search' }).fill('bulk');
    await ada.waitForURL(/search=bulk/);
    await ada.getByText(`1–25 of ${BULK}`, { exact: false }).waitFor();
    await ada.getByRole('button', { name: 'Sort by Contact' }).click();
    await ada.waitForURL(/sort=contactName&order=asc/);
    await ada.getByRole('button', { name: 'Next' }).click();
    await ada.waitForURL(/page=2/);
    await ada.getByText(`26–${BULK} of ${BULK}`, { exact: false }).waitFor();
    const url = ada.url();
    await ada.reload();
    await ada.getByText(`26–${BULK} of ${BULK}`, { exact: false }).waitFor();
    expect(ada.url()).toBe(url);
    expect(await ada.getByRole('searchbox', { name: 'Search' }).inputValue()).toBe('bulk');
    await check(ada, 'invitations-filtered-page-2');
  });

  it('exports every row of the filtered list, not only the page shown, with formulas made harmless', async () => {
    const [download] = await Promise.all([
      ada.waitForEvent('download'),
      ada.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^Contact no\.,Name,E-mail,/);
    expect(lines).toHaveLength(BULK + 1);
    expect(lines.filter((l) => l.includes('@fabrikam.example')).every((l) => /bulk\d+@/.test(l))).toBe(true);
    expect(lines.some((l) => l.includes(",'=SUM(1+1) Bulk,"))).toBe(true);
  });

  it('resends and revokes from the list, asking before revoking', async () => {
    await ada.goto(`${portal.url}/admin/${portal.tenantId}/invitations?search=Bulk%20Buyer%202`);
    const row = ada.getByRole('row', { name: /Bulk Buyer 2\b/ }).first();
    await row.getByRole('button', { name: /^Actions for the invitation of/ }).click();
    await ada.getByRole('menuitem', { name: 'Resend' }).click();
    await ada.getByText('Sent again to bulk2@fabrikam.example. The earlier link and code no longer work.').waitFor();
  });

  it('changes a portal user role, and shows the license consequence of deactivating and reactivating', async () => {
    await adminMenu(ada, 'Portal users');
    await ada.getByRole('searchbox', { name: 'Search' }).fill('aaron');
    const row = ada.getByRole('row', { name: /aaron@fabrikam\.example/ });
    await row.waitFor();
    await check(ada, 'portal-users');
    await row.getByRole('combobox', { name: /^Role of/ }).click();
    await ada.getByRole('option', { name: 'Customer representative' }).click();
    await ada.getByRole('alertdialog').getByRole('button', { name: 'Change role' }).click();
    await row
      .getByRole('combobox', { name: /^Role of/ })
      .getByText('Customer representative')
      .waitFor();

    await row.getByRole('button', { name: 'Deactivate' }).click();
    const dialog = ada.getByRole('alertdialog');
    await dialog.getByText('Their license goes back to the pool', { exact: false }).waitFor();
    await check(ada, 'deactivate-confirm');
    await dialog.getByRole('button', { name: 'Deactivate' }).click();
    await row.getByText('Deactivated', { exact: true }).waitFor();
    await row.getByText('Deactivated by an administrator').waitFor();
    await row.getByRole('button', { name: 'Reactivate' }).click();
    await ada.getByRole('alertdialog').getByText('This takes one license', { exact: false }).waitFor();
    await ada.getByRole('alertdialog').getByRole('button', { name: 'Reactivate' }).click();
    await row.getByText('Active', { exact: true }).waitFor();
  });

  it('creates a connector key shown once with a copy button, rotates it and revokes it', async () => {
    await adminMenu(ada, 'Connector keys');
    await ada.getByRole('textbox', { name: 'Label' }).fill('Business Central production');
    await ada.getByRole('button', { name: 'Create a key' }).click();
    const shown = ada.getByRole('alertdialog');
    await shown.getByText('This is the only time the key is shown.', { exact: false }).waitFor();
    const key = await shown.getByTestId('connector-key-value').inputValue();
    expect(key).toMatch(/^ppck_/);
    await check(ada, 'connector-key-shown');
    await shown.getByRole('button', { name: 'Copy' }).click();
    await shown.getByText('Copied to the clipboard.').waitFor();
    expect(await ada.evaluate('navigator.clipboard.readText()')).toBe(key);
    await shown.getByRole('button', { name: 'I have stored it' }).click();
    expect(await ada.getByRole('textbox', { name: 'Label' }).inputValue()).toBe('');
    expect(
      (await portal.platform.call('GET', '/api/connector/whoami', { headers: { authorization: `ApiKey ${key}` } }))
        .status,
    ).toBe(200);

    const row = ada.getByRole('row', { name: /Business Central production/ }).first();
    await row.getByRole('button', { name: 'Rotate' }).click();
    // The old key keeps working for a grace the administrator chooses, 24 hours unless told otherwise.
    const grace = ada.getByRole('alertdialog').getByRole('combobox', { name: 'Let the old key keep working for' });
    expect(await grace.inputValue()).toBe('24');
    await grace.selectOption({ label: '1 hour' });
    await check(ada, 'connector-key-rotate');
    await ada.getByRole('alertdialog').getByRole('button', { name: 'Rotate' }).click();
    const rotated = await ada.getByTestId('connector-key-value').inputValue();
    expect(rotated).not.toBe(key);
    await ada.getByRole('alertdialog').getByRole('button', { name: 'I have stored it' }).click();
    const replaced = ada.getByRole('row', { name: /Replaced; works until/ });
    await replaced.waitFor();
    const whoami = (apiKey: string) =>
      portal.platform.call('GET', '/api/connector/whoami', { headers: { authorization: `ApiKey ${apiKey}` } });
    expect((await whoami(key)).status).toBe(200);
    expect((await whoami(rotated)).status).toBe(200);
    await check(ada, 'connector-key-in-grace');
    const active = ada.getByRole('row', { name: /Business Central production.*Active/ });
    await active.getByRole('button', { name: 'Revoke' }).click();
    await ada.getByRole('alertdialog').getByRole('button', { name: 'Revoke' }).click();
    await ada.getByRole('row', { name: /Active/ }).waitFor({ state: 'detached' });
    await ada.getByRole('alertdialog').waitFor({ state: 'detached' });
    // A key in its grace is not rotated again, but may be revoked to end the grace early.
    expect(await replaced.getByRole('button', { name: 'Rotate' }).count()).toBe(0);
    await replaced.getByRole('button', { name: 'Revoke' }).click();
    await ada.getByRole('alertdialog').getByRole('button', { name: 'Revoke' }).click();
    await ada.getByRole('row', { name: /Replaced; works until/ }).waitFor({ state: 'detached' });
    await ada.getByRole('alertdialog').waitFor({ state: 'detached' });
    await check(ada, 'connector-keys');
  });

  it('registers a webhook (its secret shown once), shows each delivery with what the endpoint answered, sends one again and removes it', async () => {
    // The connector's endpoint: it fails the first delivery and accepts the rest.
    const bodies: string[] = [];
    const answers = [503];
    const receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        bodies.push(body);
        response.statusCode = answers.shift() ?? 200;
        response.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/portal-orders`;
    try {
      await adminMenu(ada, 'Webhooks');
      await ada.getByText('No webhooks', { exact: true }).waitFor();
      const urlField = ada.getByRole('textbox', { name: 'Endpoint URL' });
      const label = ada.getByRole('textbox', { name: 'Label' });
      // The platform's own network is refused at the field, in a sentence.
      await urlField.fill('https://10.0.0.5/orders');
      await label.fill('Business Central production');
      await ada.getByRole('button', { name: 'Register a webhook' }).click();
      await ada.getByText('This address cannot receive orders', { exact: false }).waitFor();
      await check(ada, 'webhook-refused');

      await urlField.fill(url);
      await ada.getByRole('button', { name: 'Register a webhook' }).click();
      const shown = ada.getByRole('alertdialog');
      await shown.getByText('This is the only time the secret is shown.', { exact: false }).waitFor();
      expect(await shown.getByTestId('webhook-secret-value').inputValue()).toMatch(/^whsec_/);
      await check(ada, 'webhook-secret-shown');
      await shown.getByRole('button', { name: 'I have stored it' }).click();
      // The form is empty again, ready for the next endpoint.
      expect([await urlField.inputValue(), await label.inputValue()]).toEqual(['', '']);

      const order = await portal.api('rita')('POST', '/api/portal/orders', deskOrder('1', '1896-S', '2027-03-01'), {
        'idempotency-key': 'admin-pages-webhook',
      });
      expect(order.status).toBe(201);
      const row = ada.getByRole('row', { name: /Business Central production/ });
      await row.getByRole('button', { name: 'Show the deliveries to “Business Central production”' }).click();
      const log = ada.getByRole('table', { name: 'Deliveries to “Business Central production”' });
      // Refused once (503), accepted on the next attempt; the log follows without a reload.
      await log.getByText('Delivered', { exact: true }).waitFor({ timeout: 30_000 });
      expect(bodies).toHaveLength(2);
      expect(JSON.parse(bodies[1]).event.payload.portalOrderNo).toBe(order.body.portalOrderNo);
      await check(ada, 'webhook-deliveries');

      await log.getByRole('button', { name: 'Send again' }).first().click();
      await ada.getByText('The order is being sent again.').waitFor();
      await waitFor(
        () => bodies.length,
        (count) => count >= 3,
        { what: 'the delivery sent again' },
      );
      await log.getByRole('row').nth(2).waitFor();

      await row.getByRole('button', { name: 'Remove' }).click();
      await ada.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
      await row.getByText(/^Removed /).waitFor();
      await ada.getByRole('alertdialog').waitFor({ state: 'detached' });
      expect(await row.getByRole('button', { name: 'Remove' }).count()).toBe(0);
      await check(ada, 'webhook-removed');
    } finally {
      receiver.close();
    }
  });

  it('saves the invitation settings and refuses an expiry outside 1 to 90 days at the field', async () => {
    await adminMenu(ada, 'Settings');
    const days = ada.getByRole('spinbutton', { name: 'Invitations are valid for (days)' });
    expect(await days.inputValue()).toBe('14');
    await days.fill('120');
    await days.press('Tab');
    await ada.getByRole('button', { name: 'Save' }).click();
    await ada.getByText('Enter a whole number of days from 1 to 90.').waitFor();
    await check(ada, 'settings-refused');
    await days.fill('7');
    await days.press('Tab');
    await ada.getByRole('switch', { name: 'The sign-in e-mail must be the invited address' }).check();
    await ada.getByRole('button', { name: 'Save' }).click();
    await ada.getByText('Settings saved.').waitFor();
    await ada.reload();
    await heading(ada).getByText('Invitation settings').waitFor();
    expect(await days.inputValue()).toBe('7');
    expect(await ada.getByRole('switch', { name: 'The sign-in e-mail must be the invited address' }).isChecked()).toBe(
      true,
    );
  });

  it('adds and removes an administrator', async () => {
    await adminMenu(ada, 'Administrators');
    await ada.getByRole('textbox', { name: 'Subject (user id)' }).fill('demo-rita');
    await ada.getByRole('button', { name: 'Add administrator' }).click();
    const row = ada.getByRole('row', { name: /demo-rita/ });
    await row.waitFor();
    // Ready for the next one: the subject is cleared, the issuer kept.
    expect(await ada.getByRole('textbox', { name: 'Subject (user id)' }).inputValue()).toBe('');
    expect(await ada.getByRole('textbox', { name: 'Identity provider (issuer)' }).inputValue()).not.toBe('');
    await check(ada, 'administrators');
    await row.getByRole('button', { name: 'Remove' }).click();
    await ada.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
    await row.waitFor({ state: 'detached' });
  });

  it('shows the purchases and the license history', async () => {
    await adminMenu(ada, 'Licenses');
    await ada.getByRole('cell', { name: 'LIC-000001' }).waitFor();
    await ada.getByRole('cell', { name: 'Consumption' }).first().waitFor();
    await check(ada, 'licenses');
  });

  it('has no serious or critical accessibility violation on any page it showed', () => {
    expect(violations).toEqual([]);
  });
});
