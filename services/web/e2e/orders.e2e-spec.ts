import { readFileSync } from 'node:fs';
import { answerPortalOrders, buildModel, KafkaSink } from '@partner-portal/erp-simulator';
import { erpPlace, itemUpserted, partnerUpserted, waitFor } from '@partner-portal/testing';
import type { Browser, Locator, Page } from 'playwright-core';
import { accessibilityViolations, Journal, launchBrowser, personBrowser } from './support/browser';
import { heading, signInFromStart } from './support/pages';
import { startPortal, type Portal } from './support/portal';
import { preparations } from './support/preparations';

/** The seed startPortal loads (tools/erp-simulator): the same model gives the prices the wizard must show. */
const MODEL = buildModel(7, { customers: 4, vendors: 2, thirdPartyLogistics: 2, contactsPerPartner: 1, items: 8 });
const priceOf = (itemNo: string) => MODEL.items.find((i) => i.itemNo === itemNo)!.unitPrice;
const euros = (amount: number) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(amount);

const HEADER =
  'orderRef;requestedReceiptDate;requisitionNo;deliveryDescription;deliveryLine1;deliveryLine2;deliveryCity;deliveryPostalCode;deliveryCountryCode;itemNo;quantity;unitCode';

/** Presses Tab until the element has the focus: proof that the keyboard reaches it, in page order. */
async function tabTo(page: Page, target: Locator, what: string): Promise<void> {
  for (let presses = 0; presses < 120; presses += 1) {
    if (await isFocused(target)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${what}`);
}

const isFocused = (target: Locator) =>
  target.evaluate((element) => element === element.ownerDocument.activeElement).catch(() => false);

// Issue 13, seed 002: the order wizard until the ERP's answer shows, the same with the keyboard alone, the upload
// (one bad row: nothing submitted; a semicolon file from Excel: orders created) and a contact whose ERP record
// lacks what an order needs.
describe('orders in the browser: the wizard, the upload, the ERP answer', () => {
  let portal: Portal;
  let browser: Browser;
  let answering: { stop(): Promise<void> } | undefined;
  let sink: KafkaSink | undefined;
  const journal = new Journal('orders');
  const violations: string[] = [];
  const check = async (page: Page, where: string) => {
    await journal.shot(page, where);
    for (const v of await accessibilityViolations(page)) violations.push(`${where}: ${v}`);
  };
  const signedIn = async (username: string) => {
    const page = await (await personBrowser(browser)).newPage();
    await signInFromStart(page, portal.url, username, portal.password);
    await heading(page).waitFor();
    return page;
  };
  const ordersOf = async (username: string) =>
    (await portal.api(username)('GET', '/api/portal/orders?pageSize=200')).body.items as Array<{
      portalOrderNo: string;
    }>;

  beforeAll(async () => {
    [portal, browser] = await Promise.all([startPortal('orders'), launchBrowser()]);
    const prep = preparations(portal);
    await prep.buyLicenses(2);
    const aaron = await prep.invitePerson('aaron', 'authorized_user');
    await prep.accept('aaron', aaron.code);
    const rita = await prep.invitePerson('rita', 'customer_representative');
    await prep.accept('rita', rita.code);
    // The simulated ERP answers each order after a pause long enough to see it Submitted first.
    sink = new KafkaSink(portal.platform.kafkaBrokers, portal.platform.topicPrefix);
    answering = await answerPortalOrders(sink, {
      brokers: portal.platform.kafkaBrokers,
      topicPrefix: portal.platform.topicPrefix,
      seed: 7,
      delayMs: 3_000,
      log: () => undefined,
    });
  }, 240_000);
  afterAll(async () => {
    await answering?.stop();
    await sink?.close();
    await browser?.close();
    await portal?.stop();
  });

  it('places an order with the wizard, is told at the field when the ERP blocked a product meanwhile, and sees the answer without a reload', async () => {
    const page = await signedIn('aaron');
    await page
      .getByRole('navigation', { name: 'Workspace' })
      .getByRole('link', { name: 'Orders', exact: true })
      .click();
    await heading(page).getByText('Orders').waitFor();
    await page.getByText('No orders yet').waitFor();
    await check(page, 'orders-empty');

    await page.getByRole('link', { name: 'New order' }).click();
    await heading(page).getByText('New order').waitFor();
    // Step 1: what comes from the contact record is shown, not typed.
    const defaults = page.getByRole('region', { name: 'From your contact record' });
    await defaults.getByText('CRONUS Nederland BV (CRONUS)').waitFor();
    await defaults.getByText('Fabrikam Retail (C10000)').waitFor();
    await defaults.getByText('RETAIL', { exact: true }).waitFor();
    await defaults.getByText('Aaron Buyer (CT000002)').waitFor();
    expect(await page.getByRole('listitem').filter({ hasText: 'Order information' }).getAttribute('aria-current')).toBe(
      'step',
    );
    expect(await page.getByLabel('Street and number').inputValue()).toBe('Fabrikam Retail Street 1');
    await page.getByLabel('Requisition number').fill('REQ-E2E-1');
    await check(page, 'wizard-information');
    await page.getByRole('button', { name: 'Next' }).click();

    // Step 2: products from the catalogue and the price list; the estimate follows the quantity as it is typed.
    const stepHeading = page.getByRole('heading', { name: 'Step 2 of 3: Items' });
    await stepHeading.waitFor();
    expect(await isFocused(stepHeading)).toBe(true);
    await page.getByLabel('Product number or description').fill('Desk');
    await page.getByRole('button', { name: 'Add 1896-S ATHENS Desk' }).click();
    await page.getByLabel('Product number or description').fill('1900');
    await page.getByRole('button', { name: 'Add 1900-S PARIS Guest Chair, black' }).click();
    await page.getByLabel('Quantity of 1896-S ATHENS Desk').fill('3');
    const desk = page.getByRole('row', { name: /1896-S/ });
    await desk.getByText(euros(priceOf('1896-S') * 3)).waitFor();
    await page
      .getByRole('row', { name: /Estimated total/ })
      .getByText(euros(priceOf('1896-S') * 3 + priceOf('1900-S')))
      .waitFor();
    await check(page, 'wizard-items');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Step 3 of 3: Review and submit' }).waitFor();
    await page.getByText('REQ-E2E-1').waitFor();
    await check(page, 'wizard-review');

    // The ERP blocks the chair before Aaron submits: the refusal comes back at the chair's line, on the Items step.
    await portal.publish([itemUpserted(erpPlace(portal.tenantId), '1900-S', ['PCS'], true, 2)]);
    await waitFor(
      () => portal.api('aaron')('GET', '/api/portal/items?search=1900'),
      (r) => r.status === 200 && r.body.items.length === 0,
      { what: 'the chair to be blocked in the catalogue' },
    );
    await page.getByRole('button', { name: 'Submit order' }).click();
    await page.getByRole('heading', { name: 'Step 2 of 3: Items' }).waitFor();
    await page
      .getByRole('row', { name: /1900-S/ })
      .getByText('The portal did not accept this: product 1900-S is blocked')
      .waitFor();
    await page.getByText('The order was not placed. Please correct the fields marked on the steps.').waitFor();
    await check(page, 'wizard-refused-at-line');
    await page.getByRole('button', { name: /^Remove 1900-S/ }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    // A double click places one order.
    await page.getByRole('button', { name: 'Submit order' }).dblclick();

    // The order's page: Submitted, then the ERP's answer, in the same document (no reload).
    await page.waitForURL(/\/portal\/orders\/[0-9a-f-]{36}$/);
    const answer = page.getByRole('status').filter({ hasText: /Submitted|Accepted/ });
    await answer.getByText('Submitted').waitFor();
    await page.evaluate('window.sameDocument = true');
    await check(page, 'order-submitted');
    await answer.getByText(/^Accepted by the ERP as order SOW\d{6}$/).waitFor({ timeout: 30_000 });
    expect(await page.evaluate('window.sameDocument === true')).toBe(true);
    await page.getByRole('link', { name: /^Open purchase order SOW\d{6}$/ }).waitFor({ timeout: 30_000 });
    await check(page, 'order-accepted');
    expect(await ordersOf('aaron')).toHaveLength(1);

    await page.getByRole('link', { name: 'Back to the orders' }).click();
    await page.getByRole('row', { name: /Accepted/ }).waitFor();
    await check(page, 'orders-one');
    await page.context().close();
  });

  it('places an order with the keyboard alone: Tab, typing, Enter, Space and arrows, no clicks', async () => {
    const page = await signedIn('rita');
    await page.goto(`${portal.url}/portal/orders/new`);
    await heading(page).getByText('New order').waitFor();
    await page.getByRole('heading', { name: 'From your contact record' }).waitFor();

    await tabTo(page, page.getByLabel('Requisition number'), 'the requisition number');
    await page.keyboard.type('KEYS-1');
    await tabTo(page, page.getByRole('button', { name: 'Next' }), 'Next');
    await page.keyboard.press('Enter');
    const items = page.getByRole('heading', { name: 'Step 2 of 3: Items' });
    await items.waitFor();
    expect(await isFocused(items)).toBe(true);

    await tabTo(page, page.getByLabel('Product number or description'), 'the product search');
    await page.keyboard.type('Lamp');
    // Enter in the search box searches; it does not move the wizard on.
    await page.keyboard.press('Enter');
    const add = page.getByRole('button', { name: 'Add 1928-S AMSTERDAM Lamp' });
    await add.waitFor();
    await tabTo(page, add, 'Add of the lamp');
    await page.keyboard.press('Space');
    await page.getByText('1928-S AMSTERDAM Lamp added. The order has 1 line.').waitFor();
    const quantity = page.getByLabel('Quantity of 1928-S AMSTERDAM Lamp');
    await tabTo(page, quantity, 'the quantity');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('4');
    const unit = page.getByLabel('Unit of 1928-S AMSTERDAM Lamp');
    await tabTo(page, unit, 'the unit');
    // A native select: arrows move through the item's units (only one here, so the choice stays).
    await page.keyboard.press('ArrowDown');
    expect(await unit.inputValue()).toMatch(/^(PCS|BOX)$/);
    await page.keyboard.press('ArrowUp');
    expect(await unit.inputValue()).toBe('PCS');
    await page
      .getByRole('row', { name: /1928-S/ })
      .getByText(euros(priceOf('1928-S') * 4))
      .waitFor();
    await check(page, 'keyboard-items');
    await tabTo(page, page.getByRole('button', { name: 'Next' }), 'Next');
    await page.keyboard.press('Enter');
    const review = page.getByRole('heading', { name: 'Step 3 of 3: Review and submit' });
    await review.waitFor();
    expect(await isFocused(review)).toBe(true);
    await tabTo(page, page.getByRole('button', { name: 'Submit order' }), 'Submit order');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/portal\/orders\/[0-9a-f-]{36}$/);
    await page
      .getByRole('status')
      .getByText(/^Accepted by the ERP as order SOW\d{6}$/)
      .waitFor({ timeout: 30_000 });
    await check(page, 'keyboard-order-accepted');
    await page.context().close();
  });

  it('refuses a file with one bad row before anything is submitted, then uploads a semicolon file from Excel', async () => {
    const page = await signedIn('rita');
    await page.goto(`${portal.url}/portal/orders`);
    await page.getByRole('link', { name: 'Upload orders' }).click();
    await heading(page).getByText('Upload orders').waitFor();
    await check(page, 'upload-empty');
    const before = (await ordersOf('rita')).length;

    // The template: the header and an example row with a real product, in the separator chosen.
    await page.getByRole('radio', { name: 'Semicolons (Excel in Dutch or German)' }).check();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the template' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('orders-template.csv');
    const template = readFileSync((await download.path())!, 'utf8');
    expect(template.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(HEADER);
    expect(template).toContain(';1896-S;1;PCS');

    const row = (ref: string, item: string, quantity: string) =>
      `${ref};15-01-2027;;Store;Damrak 1;;Amsterdam;1012 LG;NL;${item};${quantity};PCS`;
    const file = (name: string, rows: string[]) => ({
      name,
      mimeType: 'text/csv',
      buffer: Buffer.from(`\uFEFF${[HEADER, ...rows].join('\r\n')}\r\n`, 'utf8'),
    });
    const input = page.getByLabel('CSV file of orders');
    await input.setInputFiles(file('bad.csv', [row('A', '1896-S', '1'), row('B', 'NOPE', '2')]));
    await page.getByText('1 problem in the file').waitFor();
    const problem = page
      .getByRole('region', { name: 'Problems in the file' })
      .getByRole('row', { name: /unknown product NOPE/ });
    expect(await problem.getByRole('cell').allTextContents()).toEqual(['3', 'itemNo', 'unknown product NOPE']);
    expect(await page.getByRole('button', { name: 'Submit the orders' }).isDisabled()).toBe(true);
    await check(page, 'upload-bad-row');
    expect(await ordersOf('rita')).toHaveLength(before);

    await input.setInputFiles(
      file('excel.csv', [row('A', '1896-S', '2'), row('A', '1928-S', '1,5'), row('B', '1906-S', '1')]),
    );
    await page.getByText('The file is ready: 2 orders').waitFor();
    await page.getByText('3 line(s) read, separated by semicolons.', { exact: false }).waitFor();
    await check(page, 'upload-preview');
    await page.getByRole('button', { name: 'Submit 2 orders' }).click();
    await page.getByText('2 orders were submitted').waitFor();
    await check(page, 'upload-done');
    expect(await ordersOf('rita')).toHaveLength(before + 2);
    await page.context().close();
  });

  it('shows the administrator the orders read-only', async () => {
    const page = await signedIn('ada');
    await page.goto(`${portal.url}/admin/${portal.tenantId}/partners/production/CRONUS/customer/C10000/orders`);
    await heading(page).getByText('Orders').waitFor();
    await page.getByRole('row', { name: /REQ-E2E-1/ }).waitFor();
    expect(await page.getByRole('link', { name: 'New order' }).count()).toBe(0);
    await check(page, 'admin-orders');
    await page
      .getByRole('row', { name: /REQ-E2E-1/ })
      .getByRole('link')
      .click();
    await page
      .getByRole('status')
      .getByText(/^Accepted by the ERP as order SOW\d{6}$/)
      .waitFor();
    await check(page, 'admin-order');
    await page.context().close();
  });

  it('gives a contact whose ERP record lacks what an order needs one message naming it, instead of the wizard', async () => {
    // The ERP takes Fabrikam's price list away.
    await portal.publish([
      partnerUpserted(erpPlace(portal.tenantId), {
        partnerNo: 'C10000',
        name: 'Fabrikam Retail',
        priceListCode: undefined,
        erpVersion: 2,
      }),
    ]);
    await waitFor(
      () => portal.api('aaron')('GET', '/api/portal/orders/defaults'),
      (r) => r.status === 422,
      { what: 'the price list to be gone from the mirror' },
    );
    const page = await signedIn('aaron');
    await page.goto(`${portal.url}/portal/orders/new`);
    const message = page.getByRole('alert').filter({ hasText: 'Your contact record is not ready for ordering' });
    await message.getByText('the price list of your customer account').waitFor();
    expect(await page.getByRole('button', { name: 'Next' }).count()).toBe(0);
    await check(page, 'wizard-missing-fields');
    await page.goto(`${portal.url}/portal/orders/upload`);
    await page.getByRole('alert').getByText('the price list of your customer account').waitFor();
    await check(page, 'upload-missing-fields');
    await page.context().close();
  });

  it('has no serious or critical accessibility violation on any page', () => {
    expect(violations).toEqual([]);
  });
});
