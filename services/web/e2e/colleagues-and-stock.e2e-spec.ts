import { erpPlace, stockLevelChanged } from '@partner-portal/testing';
import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations, Journal, launchBrowser, personBrowser } from './support/browser';
import { heading, signInAtProvider, signInFromStart } from './support/pages';
import { startPortal, type Portal } from './support/portal';
import { preparations } from './support/preparations';

// Issue 13: a customer representative's colleagues (invite within the licenses, change a role) and a 3PL customer's
// stock by license plate; a customer never sees stock.
describe('my colleagues and 3PL stock, in the browser', () => {
  let portal: Portal;
  let browser: Browser;
  let rita: Page;
  let prep: ReturnType<typeof preparations>;
  const journal = new Journal('colleagues-and-stock');
  const violations: string[] = [];
  const check = async (page: Page, where: string) => {
    await journal.shot(page, where);
    for (const v of await accessibilityViolations(page)) violations.push(`${where}: ${v}`);
  };
  const workspaceMenu = (page: Page) => page.getByRole('navigation', { name: 'Workspace' });
  const signedIn = async (username: string) => {
    const page = await (await personBrowser(browser)).newPage();
    await signInFromStart(page, portal.url, username, portal.password);
    await heading(page).waitFor();
    return page;
  };

  beforeAll(async () => {
    [portal, browser] = await Promise.all([startPortal('colleagues'), launchBrowser()]);
    prep = preparations(portal);
    // Three licenses: Rita and Theo take two, the colleague Rita invites the last one.
    await prep.buyLicenses(3);
    const ritaInvite = await prep.invitePerson('rita', 'customer_representative');
    await prep.accept('rita', ritaInvite.code);
    const theoInvite = await prep.invitePerson('theo', 'customer_representative');
    await prep.accept('theo', theoInvite.code);
    // Northwind's goods in the warehouse: two pallets at two locations, one of them with two lots.
    const place = erpPlace(portal.tenantId);
    const stock = { partnerNo: 'L10000', unitCode: 'PCS' };
    await portal.publish([
      stockLevelChanged(place, {
        ...stock,
        itemNo: 'DESK-OAK',
        description: 'Oak desk',
        locationCode: 'WEST',
        binCode: 'A-01',
        licensePlate: 'LP-100',
        lotNo: 'LOT-2026-01',
        quantity: '1250.5',
      }),
      stockLevelChanged(place, {
        ...stock,
        itemNo: 'CHAIR-RED',
        description: 'Red chair',
        locationCode: 'WEST',
        binCode: 'A-01',
        licensePlate: 'LP-100',
        lotNo: 'LOT-2026-02',
        quantity: '40',
      }),
      stockLevelChanged(place, {
        ...stock,
        itemNo: 'DESK-OAK',
        description: 'Oak desk',
        locationCode: 'EAST',
        binCode: 'B-07',
        licensePlate: 'LP-200',
        lotNo: 'LOT-2026-01',
        quantity: '12',
      }),
    ]);
    rita = await signedIn('rita');
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('lets Rita invite her colleague Nina, who accepts by the e-mail link and gets in', async () => {
    await workspaceMenu(rita).getByRole('link', { name: 'My colleagues' }).click();
    await heading(rita).getByText('My colleagues').waitFor();
    await rita.getByRole('row', { name: /Nina Newcomer/ }).waitFor();
    await check(rita, 'colleagues');

    const since = Date.now();
    await rita.getByRole('button', { name: 'Invite Nina Newcomer' }).click();
    const dialog = rita.getByRole('dialog', { name: 'Invite Nina Newcomer' });
    await dialog.getByText('The invitation is sent to nina@fabrikam.example.', { exact: false }).waitFor();
    await dialog.getByRole('radio', { name: /^Authorized user/ }).check();
    await check(rita, 'invite-dialog');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await rita.getByText('Invited: the e-mail is on its way to nina@fabrikam.example.').waitFor();
    await rita
      .getByRole('region', { name: 'Invitations' })
      .getByRole('row', { name: /Nina Newcomer/ })
      .getByText('Invited')
      .waitFor();
    await check(rita, 'colleague-invited');

    // Nina opens the link of her e-mail, signs in and accepts.
    const mail = await portal.mailTo('nina@fabrikam.example', since);
    const nina = await (await personBrowser(browser)).newPage();
    await nina.goto(portal.linkOf(mail));
    await heading(nina).getByText('Your invitation').waitFor();
    await nina.getByText('Rita Representative invites you', { exact: false }).waitFor();
    await check(nina, 'nina-invitation');
    await nina.getByRole('button', { name: 'Sign in to accept' }).click();
    await signInAtProvider(nina, 'nina', portal.password);
    await nina.getByRole('button', { name: 'Accept' }).click();
    await nina.waitForURL('**/portal?welcome=1');
    await nina.getByText('You now have access to the portal for Fabrikam Retail.').waitFor();
    await check(nina, 'nina-welcome');

    // An authorized user has no colleagues page; typing its address gets a sentence, not an error.
    expect(await workspaceMenu(nina).getByRole('link', { name: 'My colleagues' }).count()).toBe(0);
    await nina.goto(`${portal.url}/portal/colleagues`);
    await nina.getByText('Only customer representatives manage colleagues').waitFor();
    await check(nina, 'nina-no-colleagues-page');

    // Rita sees Nina among her colleagues with access, without reloading.
    await rita
      .getByRole('region', { name: 'Colleagues with portal access' })
      .getByRole('row', { name: /Nina Newcomer/ })
      .waitFor({ timeout: 20_000 });
    await check(rita, 'nina-a-colleague');
  });

  it('tells Rita whom to ask when no license is left', async () => {
    await rita.getByRole('button', { name: 'Invite Uma Unauthorized' }).click();
    await rita
      .getByRole('dialog', { name: 'Invite Uma Unauthorized' })
      .getByRole('button', { name: 'Send invitation' })
      .click();
    await rita.getByText('Uma Unauthorized could not be invited').waitFor();
    await rita
      .getByText(
        'No license is left. Ask the administrator at CRONUS to add licenses for the portal, then invite again.',
      )
      .first()
      .waitFor();
    await check(rita, 'no-license-left');
  });

  it("changes Nina's role, and refuses to take away the partner's last representative with a sentence", async () => {
    const users = rita.getByRole('region', { name: 'Colleagues with portal access' });
    // Rita cannot make herself an authorized user: she is Fabrikam's only representative.
    await users.getByRole('combobox', { name: 'Role of Rita Representative' }).click();
    await rita.getByRole('option', { name: 'Authorized user' }).click();
    const refusal = rita.getByRole('alertdialog', { name: 'Change the role of Rita Representative?' });
    await refusal.getByRole('button', { name: 'Change role' }).click();
    await refusal.getByText('The last customer representative of a partner cannot be removed or changed.').waitFor();
    await check(rita, 'last-representative');
    await refusal.getByRole('button', { name: 'Cancel' }).click();

    await users.getByRole('combobox', { name: 'Role of Nina Newcomer' }).click();
    await rita.getByRole('option', { name: 'Customer representative' }).click();
    const confirm = rita.getByRole('alertdialog', { name: 'Change the role of Nina Newcomer?' });
    await confirm.getByText('Nina Newcomer becomes Customer representative.', { exact: false }).waitFor();
    await check(rita, 'role-change-confirm');
    await confirm.getByRole('button', { name: 'Change role' }).click();
    await confirm.waitFor({ state: 'detached' });
    await users.getByRole('combobox', { name: 'Role of Nina Newcomer' }).getByText('Customer representative').waitFor();
    await check(rita, 'role-changed');
  });

  it('shows Theo, a 3PL customer, his stock by license plate, and what is on one', async () => {
    const theo = await signedIn('theo');
    await workspaceMenu(theo).getByRole('link', { name: 'Stock' }).click();
    await heading(theo).getByText('Stock').waitFor();
    const rows = theo.getByRole('region', { name: 'Stock by place' });
    await rows.getByRole('row', { name: /LP-200/ }).waitFor({ timeout: 20_000 });
    // Quantities in the person's language (en-GB), totals per item and per location.
    await rows
      .getByRole('row', { name: /CHAIR-RED/ })
      .getByText('40 PCS')
      .waitFor();
    const perItem = theo.getByRole('region', { name: 'Totals per item' });
    await perItem
      .getByRole('row', { name: /DESK-OAK/ })
      .getByText('1,262.5 PCS')
      .waitFor();
    const perLocation = theo.getByRole('region', { name: 'Totals per location' });
    await perLocation.getByRole('row', { name: /WEST/ }).getByText('1,290.5 PCS').waitFor();
    await check(theo, 'stock');

    // Filtering by lot keeps the filter in the address.
    await theo.getByRole('textbox', { name: 'Lot' }).fill('LOT-2026-01');
    await theo.getByRole('button', { name: 'Show', exact: true }).click();
    await theo.waitForURL(/lotNo=LOT-2026-01/);
    await perItem.getByRole('row', { name: /CHAIR-RED/ }).waitFor({ state: 'detached' });
    await theo.reload();
    expect(await theo.getByRole('textbox', { name: 'Lot' }).inputValue()).toBe('LOT-2026-01');
    await rows.getByRole('row', { name: /LP-100/ }).waitFor();
    await check(theo, 'stock-by-lot');

    await rows.getByRole('link', { name: 'LP-100' }).click();
    await heading(theo).getByText('License plate LP-100').waitFor();
    const contents = theo.getByRole('region', { name: 'What is on it' });
    await contents
      .getByRole('row', { name: /Oak desk/ })
      .getByText('1,250.5 PCS')
      .waitFor();
    await contents
      .getByRole('row', { name: /Red chair/ })
      .getByText('LOT-2026-02')
      .waitFor();
    await theo.getByText('At WEST / A-01').waitFor();
    await check(theo, 'license-plate');

    // The administrator sees the same stock, read-only, in the view of that one 3PL customer.
    const ada = await signedIn('ada');
    await ada.goto(`${portal.url}/admin/${portal.tenantId}/partners/production/CRONUS/3pl_customer/L10000/stock`);
    await heading(ada).getByText('Stock').waitFor();
    await ada
      .getByRole('region', { name: 'Stock by place' })
      .getByRole('row', { name: /LP-200/ })
      .waitFor();
    await check(ada, 'admin-stock');
  });

  it('never shows a customer stock: no menu entry, and the address says stock is for 3PL customers', async () => {
    await rita.goto(`${portal.url}/portal`);
    await heading(rita).waitFor();
    await workspaceMenu(rita).getByRole('link', { name: 'My colleagues' }).waitFor();
    expect(await workspaceMenu(rita).getByRole('link', { name: 'Stock' }).count()).toBe(0);
    await rita.goto(`${portal.url}/portal/stock`);
    await rita.getByText('Stock is shown to 3PL customers').waitFor();
    await check(rita, 'customer-no-stock');
    await rita.goto(`${portal.url}/portal/stock/license-plates/LP-100`);
    await rita.getByText('Stock is shown to 3PL customers').waitFor();
  });

  it('has no serious accessibility violation on any page it visited', () => {
    expect(violations).toEqual([]);
  });
});
