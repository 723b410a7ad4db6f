import { readFileSync } from 'node:fs';
import { ErpDocumentType, PartnerType } from '@partner-portal/contracts';
import { documentUpserted, erpPlace, waitFor } from '@partner-portal/testing';
import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations, Journal, launchBrowser, personBrowser } from './support/browser';
import { adminMenu, heading, selectOption, signInFromStart } from './support/pages';
import { startPortal, type Portal } from './support/portal';
import { preparations } from './support/preparations';

/** Orders of Fabrikam that came in by phone (no portal user's contact): enough for two pages of the list. */
const PHONE_ORDERS = 28;

// Seed 002's visibility example on screen (ARCHITECTURE.md section 1): two authorized users of Fabrikam each see
// only their own order and what follows from it, the customer representative sees both, the administrator sees
// those and another customer's through the partner picker (read-only), a contact without access is told so, and a
// vendor reads its own words. Also the document list's URL state, paging (page in the URL, with the total) and export, and a document's page.
describe("the partner's documents, in the browser", () => {
  let portal: Portal;
  let browser: Browser;
  const journal = new Journal('workspace-documents');
  const violations: string[] = [];
  const check = async (page: Page, where: string) => {
    await journal.shot(page, where);
    for (const v of await accessibilityViolations(page)) violations.push(`${where}: ${v}`);
  };
  const workspaceMenu = (page: Page) => page.getByRole('navigation', { name: 'Workspace' });
  const table = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
  const signedIn = async (username: string) => {
    const page = await (await personBrowser(browser)).newPage();
    await signInFromStart(page, portal.url, username, portal.password);
    await heading(page).waitFor();
    return page;
  };

  beforeAll(async () => {
    [portal, browser] = await Promise.all([startPortal('workspace-docs'), launchBrowser()]);
    const prep = preparations(portal);
    await prep.buyLicenses(4);
    for (const [username, role] of [
      ['rita', 'customer_representative'],
      ['aaron', 'authorized_user'],
      ['alice', 'authorized_user'],
      ['victor', 'customer_representative'],
    ] as const) {
      const invitation = await prep.invitePerson(username, role);
      await prep.accept(username, invitation.code);
    }
    const place = erpPlace(portal.tenantId);
    const aaron = portal.person('aaron').contact!.contactNo;
    const alice = portal.person('alice').contact!.contactNo;
    const fabrikam = (documentNo: string, documentType: ErpDocumentType, extra: object = {}) =>
      documentUpserted(place, { documentNo, documentType, partnerNo: 'C10000', documentDate: '2026-11-02', ...extra });
    await portal.publish([
      // Aaron's order: entered, then released; then shipped and invoiced.
      fabrikam('SO-AARON-1', ErpDocumentType.SalesOrder, {
        contactNo: aaron,
        status: 'Open',
        externalDocumentNo: 'REQ-A1',
      }),
      fabrikam('SO-AARON-1', ErpDocumentType.SalesOrder, {
        contactNo: aaron,
        status: 'Released',
        externalDocumentNo: 'REQ-A1',
        erpVersion: 2,
        shipTo: {
          name: 'Fabrikam Retail',
          line1: 'Keizersgracht 1',
          city: 'Amsterdam',
          postalCode: '1015 CJ',
          countryCode: 'NL',
        },
      }),
      fabrikam('SHP-AARON-1', ErpDocumentType.SalesShipment, {
        orderNo: 'SO-AARON-1',
        status: 'Posted',
        documentDate: '2026-11-05',
      }),
      fabrikam('INV-AARON-1', ErpDocumentType.SalesInvoice, {
        orderNo: 'SO-AARON-1',
        status: 'Open',
        documentDate: '2026-11-06',
        dueDate: '2026-12-06',
      }),
      fabrikam('SO-ALICE-1', ErpDocumentType.SalesOrder, { contactNo: alice, status: 'Open' }),
      ...Array.from({ length: PHONE_ORDERS }, (_, i) =>
        fabrikam(`SO-PHONE-${String(i + 1).padStart(2, '0')}`, ErpDocumentType.SalesOrder, {
          contactNo: 'CT-PHONE',
          status: i % 3 === 0 ? 'Invoiced' : 'Released',
          documentDate: `2026-10-${String(i + 1).padStart(2, '0')}`,
          // A reference typed like a spreadsheet formula: the export must keep it text.
          ...(i === 0 ? { externalDocumentNo: '=1+1' } : {}),
        }),
      ),
      // Another customer's order, and the vendor's order in our words (a purchase order; its sales order).
      documentUpserted(place, {
        documentNo: 'SO-ADATUM-1',
        documentType: ErpDocumentType.SalesOrder,
        partnerNo: 'C10010',
        status: 'Open',
      }),
      documentUpserted(place, {
        documentNo: 'PO-CONTOSO-1',
        documentType: ErpDocumentType.PurchaseOrder,
        partnerNo: 'V10000',
        partnerType: PartnerType.Vendor,
        status: 'Released',
      }),
    ]);
    await waitFor(
      () => prep.admin('GET', `${prep.tenant}/documents?pageSize=200`),
      (r) => r.status === 200 && r.body.items.length === 5 + PHONE_ORDERS + 1,
      { what: 'the published documents in the projection', timeoutMs: 60_000 },
    );
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('shows Aaron his own order only, its follow-ups and its status history', async () => {
    const aaron = await signedIn('aaron');
    await aaron.goto(`${portal.url}/portal`);
    await heading(aaron).getByText('Fabrikam Retail').waitFor();
    const counts = aaron.getByRole('region', { name: 'Open documents' });
    await counts.getByRole('link', { name: 'Purchase orders' }).waitFor();
    expect(await counts.getByRole('listitem').first().innerText()).toMatch(/Purchase orders\s+1\s+open of 1 in total/);
    const recent = table(aaron, 'Purchase orders, latest first');
    await recent.getByRole('row', { name: /SO-AARON-1/ }).waitFor();
    expect(await recent.getByRole('row').count()).toBe(2);
    await check(aaron, 'aaron-home');

    await workspaceMenu(aaron).getByRole('link', { name: 'Purchase orders' }).click();
    await heading(aaron).getByText('Purchase orders').waitFor();
    const orders = table(aaron, 'Purchase orders');
    await orders.getByRole('row', { name: /SO-AARON-1/ }).waitFor();
    expect(await orders.getByRole('row').count()).toBe(2);
    await check(aaron, 'aaron-purchase-orders');

    await orders.getByRole('link', { name: 'SO-AARON-1' }).click();
    await heading(aaron).getByText('Purchase order SO-AARON-1').waitFor();
    const related = aaron.getByRole('region', { name: 'Related documents' });
    await related.getByRole('link', { name: 'Warehouse receipt SHP-AARON-1' }).waitFor();
    await related.getByRole('link', { name: 'Purchase invoice INV-AARON-1' }).waitFor();
    const history = aaron.getByRole('region', { name: 'Status history' }).getByRole('listitem');
    expect(await history.count()).toBe(2);
    expect(await history.nth(0).innerText()).toMatch(/^Open\s+since/);
    expect(await history.nth(1).innerText()).toMatch(/^Released\s+since/);
    await aaron.getByText('Keizersgracht 1').waitFor();
    await check(aaron, 'aaron-order');

    await related.getByRole('link', { name: 'Purchase invoice INV-AARON-1' }).click();
    await heading(aaron).getByText('Purchase invoice INV-AARON-1').waitFor();
    await aaron
      .getByRole('region', { name: 'Related documents' })
      .getByRole('link', { name: 'Purchase order SO-AARON-1' })
      .waitFor();
    await check(aaron, 'aaron-invoice');
  });

  it("shows Alice her own order only, and a sentence instead of Aaron's", async () => {
    const alice = await signedIn('alice');
    await alice.goto(`${portal.url}/portal/documents/purchase_order`);
    const orders = table(alice, 'Purchase orders');
    await orders.getByRole('row', { name: /SO-ALICE-1/ }).waitFor();
    expect(await orders.getByRole('row').count()).toBe(2);
    await check(alice, 'alice-purchase-orders');

    const aarons = await portal.api('aaron')('GET', '/api/portal/documents?type=purchase_order');
    await alice.goto(`${portal.url}/portal/documents/purchase_order/${aarons.body.items[0].documentId}`);
    await heading(alice).getByText('Document not found').waitFor();
    await alice.getByText('This document does not exist or is not yours to see.').waitFor();
    await check(alice, 'alice-not-hers');
  });

  it('shows Rita every order of Fabrikam, page by page, filtered in the URL, and exports the filtered set', async () => {
    const rita = await signedIn('rita');
    await rita.goto(`${portal.url}/portal/documents/purchase_order`);
    const orders = table(rita, 'Purchase orders');
    await orders.getByRole('row', { name: /SO-AARON-1/ }).waitFor();
    await orders.getByRole('row', { name: /SO-ALICE-1/ }).waitFor();
    expect(await orders.getByRole('row').count()).toBe(26);
    await check(rita, 'rita-purchase-orders');

    const pages = rita.getByRole('navigation', { name: 'Pages' });
    await pages.getByRole('button', { name: 'Next' }).click();
    await rita.waitForURL(/page=2/);
    await pages.getByText(`of ${2 + PHONE_ORDERS} · page 2 of 2`).waitFor();
    await orders.getByRole('row', { name: /SO-PHONE-01/ }).waitFor();
    expect(await orders.getByRole('row').count()).toBe(1 + 2 + PHONE_ORDERS - 25);
    await pages.getByRole('button', { name: 'Previous' }).click();
    await pages.getByText('page 1 of 2').waitFor();
    await orders.getByRole('row', { name: /SO-AARON-1/ }).waitFor();

    const filters = rita.getByRole('form', { name: 'Filters' });
    await filters.getByRole('searchbox', { name: 'Document number' }).fill('SO-PHONE');
    await filters.getByLabel('Status').fill('Released');
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await rita.waitForURL(/search=SO-PHONE/);
    await orders.getByRole('row', { name: /SO-PHONE-02/ }).waitFor();
    const released = Array.from({ length: PHONE_ORDERS }, (_, i) => i).filter((i) => i % 3 !== 0).length;
    expect(await orders.getByRole('row').count()).toBe(1 + released);
    await orders.getByRole('button', { name: 'Sort by Number' }).click();
    await rita.waitForURL(/sort=number_asc/);
    await orders.getByRole('row').nth(1).getByRole('link', { name: 'SO-PHONE-02' }).waitFor();
    const url = rita.url();
    await rita.reload();
    await orders.getByRole('row').nth(1).getByRole('link', { name: 'SO-PHONE-02' }).waitFor();
    expect(rita.url()).toBe(url);
    expect(await filters.getByLabel('Status').inputValue()).toBe('Released');
    await check(rita, 'rita-filtered');

    // The export holds the whole filtered set, beyond the page shown.
    await filters.getByLabel('Status').fill('');
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await rita.waitForURL((u) => !u.search.includes('status='));
    const [download] = await Promise.all([
      rita.waitForEvent('download'),
      rita.getByRole('button', { name: 'Export to CSV' }).click(),
    ]);
    const lines = readFileSync(await download.path(), 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^Document type,Number,Date,Status,Order,External document number,/);
    expect(lines).toHaveLength(1 + PHONE_ORDERS);
    expect(lines.find((l) => l.includes('SO-PHONE-01'))).toContain(",'=1+1,");
    await rita.getByText(`Exported ${PHONE_ORDERS} documents, every one the filters match.`).waitFor();

    // From an order to the list of what follows from it.
    await rita.goto(`${portal.url}/portal/documents/purchase_order?search=SO-AARON`);
    await orders.getByRole('link', { name: 'SO-AARON-1' }).click();
    await rita.getByRole('link', { name: 'Warehouse receipts of order SO-AARON-1' }).click();
    await rita.waitForURL(/documents\/warehouse_receipt\?orderNo=SO-AARON-1/);
    await table(rita, 'Warehouse receipts')
      .getByRole('row', { name: /SHP-AARON-1/ })
      .waitFor();
    await rita.getByText('The documents that follow from order SO-AARON-1.').waitFor();
    await check(rita, 'rita-follow-ups-of-order');
  });

  it('tells Uma, a contact without access, that she has none: a page, not an error', async () => {
    const uma = await signedIn('uma');
    await uma.goto(`${portal.url}/portal/documents/purchase_order`);
    await heading(uma).getByText('You have no access to the portal yet').waitFor();
    await check(uma, 'uma-no-access');
  });

  it("speaks the vendor's words to Victor: his sales orders are our purchase orders", async () => {
    const victor = await signedIn('victor');
    await victor.goto(`${portal.url}/portal`);
    await heading(victor).getByText('Contoso Supplies').waitFor();
    const menu = workspaceMenu(victor);
    for (const words of ['Sales orders', 'Warehouse shipments', 'Sales return orders', 'Sales invoices']) {
      await menu.getByRole('link', { name: words }).waitFor();
    }
    expect(await menu.getByRole('link', { name: 'Purchase orders' }).count()).toBe(0);
    await check(victor, 'victor-home');
    await menu.getByRole('link', { name: 'Sales orders' }).click();
    await table(victor, 'Sales orders').getByRole('link', { name: 'PO-CONTOSO-1' }).click();
    await heading(victor).getByText('Sales order PO-CONTOSO-1').waitFor();
    await check(victor, 'victor-sales-order');
  });

  it("lets Ada pick Fabrikam and see both orders read-only, then another customer's", async () => {
    const ada = await signedIn('ada');
    await adminMenu(ada, 'Partner view');
    await selectOption(ada, 'Environment', /^production/);
    await selectOption(ada, 'Company', /CRONUS/);
    await ada.getByRole('searchbox', { name: 'Search partners' }).fill('Fabrikam');
    await ada.waitForURL(/search=Fabrikam/);
    const partners = table(ada, 'Partners');
    await partners.getByRole('row', { name: /Northwind/ }).waitFor({ state: 'detached' });
    expect(await partners.getByRole('row').count()).toBe(2);
    await check(ada, 'ada-partner-picker');
    await ada.getByRole('link', { name: 'View the portal as C10000 Fabrikam Retail' }).click();
    await ada.getByText('Read-only view').waitFor();
    await heading(ada).getByText('Fabrikam Retail').waitFor();
    await check(ada, 'ada-fabrikam-home');

    await workspaceMenu(ada).getByRole('link', { name: 'Purchase orders' }).click();
    const orders = table(ada, 'Purchase orders');
    await orders.getByRole('row', { name: /SO-AARON-1/ }).waitFor();
    await orders.getByRole('row', { name: /SO-ALICE-1/ }).waitFor();
    await check(ada, 'ada-fabrikam-purchase-orders');
    await orders.getByRole('link', { name: 'SO-AARON-1' }).click();
    await ada
      .getByRole('region', { name: 'Related documents' })
      .getByRole('link', { name: 'Warehouse receipt SHP-AARON-1' })
      .waitFor();
    await check(ada, 'ada-fabrikam-order');

    // Back in the picker, the environment and company are still chosen.
    await ada.getByRole('link', { name: 'Choose another partner' }).click();
    await ada.waitForURL(/environment=production/);
    await ada.getByRole('searchbox', { name: 'Search partners' }).fill('Adatum');
    await ada.getByRole('link', { name: 'View the portal as C10010 Adatum Corporation' }).click();
    await workspaceMenu(ada).getByRole('link', { name: 'Purchase orders' }).click();
    const adatum = table(ada, 'Purchase orders');
    await adatum.getByRole('row', { name: /SO-ADATUM-1/ }).waitFor();
    expect(await adatum.getByRole('row').count()).toBe(2);
    await check(ada, 'ada-adatum-purchase-orders');
  });

  it('has no serious accessibility violation on any page', () => {
    expect(violations).toEqual([]);
  });
});
