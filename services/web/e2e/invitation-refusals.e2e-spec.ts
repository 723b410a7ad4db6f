import { contactUpserted, erpPlace, partnerUpserted } from '@partner-portal/testing';
import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations, Journal, launchBrowser, personBrowser } from './support/browser';
import { choosePartner, confirmSignOutAtProvider, heading, signInAtProvider, signInFromStart } from './support/pages';
import { startPortal, type Portal } from './support/portal';
import { preparations } from './support/preparations';

// Every refusal of inviting and accepting, each shown as its own sentence with what to do next.
describe('refusals of inviting and accepting, in the browser', () => {
  let portal: Portal;
  let browser: Browser;
  let ada: Page;
  let prep: ReturnType<typeof preparations>;
  const journal = new Journal('invitation-refusals');
  const violations: string[] = [];
  const check = async (page: Page, where: string) => {
    await journal.shot(page, where);
    for (const v of await accessibilityViolations(page)) violations.push(`${where}: ${v}`);
  };
  /** Opens an invitation link as someone who is not signed in. */
  const openLink = async (link: string) => {
    const page = await (await personBrowser(browser)).newPage();
    await page.goto(link);
    await heading(page).waitFor();
    return page;
  };

  beforeAll(async () => {
    [portal, browser] = await Promise.all([startPortal('refusals'), launchBrowser()]);
    prep = preparations(portal);
    const place = erpPlace(portal.tenantId);
    await portal.publish([
      partnerUpserted(place, { partnerNo: 'C90000', name: 'Closed Shop', portalEnabled: false }),
      contactUpserted(place, { partnerNo: 'C10000', contactNo: 'CT-NOMAIL', name: 'Norbert Nomail', email: undefined }),
    ]);
    await prep.buyLicenses(10);
    ada = await (await personBrowser(browser)).newPage();
    await signInFromStart(ada, portal.url, 'ada', portal.password);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('says why a contact cannot be invited before anyone tries: no e-mail, already a portal user', async () => {
    const rita = await prep.invitePerson('rita', 'customer_representative');
    await prep.accept('rita', rita.code);
    await choosePartner(ada, 'C10000');
    const norbert = ada.getByRole('row', { name: /Norbert Nomail/ });
    await norbert
      .getByText(
        'This contact has no e-mail address in the ERP. Add one there first; the invitation is sent by e-mail.',
      )
      .waitFor();
    expect(await norbert.getByRole('checkbox').isDisabled()).toBe(true);
    const ritaRow = ada.getByRole('row', { name: /Rita Representative/ });
    await ritaRow.getByText('This contact is already a portal user here.').waitFor({ timeout: 20_000 });
    await check(ada, 'invite-contacts-explained');
  });

  it('says when a partner is not enabled for the portal in the ERP', async () => {
    await choosePartner(ada, 'C90000');
    await ada
      .getByText(
        'This partner is not enabled for the portal in the ERP. Enable it there first; then its contacts can be invited.',
      )
      .waitFor();
    await check(ada, 'partner-not-enabled');
  });

  it('checks a bulk invitation first (how many licenses it takes), then invites each contact with its own result', async () => {
    await choosePartner(ada, 'C10000');
    for (const name of ['Aaron Buyer', 'Alice Buyer']) {
      await ada
        .getByRole('row', { name: new RegExp(name) })
        .getByRole('checkbox')
        .check();
    }
    await ada.getByRole('button', { name: 'Check what it takes' }).click();
    await ada.getByText('2 contacts can be invited, taking 2 license(s); 9 available.').waitFor();
    await check(ada, 'bulk-dry-run');
    await ada.getByRole('button', { name: 'Invite 2 contacts' }).click();
    await ada.getByText('Invited: the e-mail is on its way to aaron@fabrikam.example.').waitFor();
    await ada.getByText('Invited: the e-mail is on its way to alice@fabrikam.example.').waitFor();
    await check(ada, 'bulk-results');
  });

  it('gives each unusable link its own page: accepted, revoked, expired, replaced, unknown', async () => {
    const rita = await portal.mailTo('rita@fabrikam.example', 0);
    let page = await openLink(portal.linkOf(rita));
    await heading(page).getByText('This invitation was already accepted').waitFor();
    await page.getByText('This invitation has already been accepted. Sign in to use the portal.').waitFor();
    await check(page, 'link-already-accepted');

    const uma = await prep.invitePerson('uma');
    await prep.revoke(uma.invitationId);
    page = await openLink(uma.link);
    await heading(page).getByText('This invitation was withdrawn').waitFor();
    await check(page, 'link-revoked');

    // Replaced first, while the invitation is open: once expired, the expiry job may close it before a resend.
    const nina = await prep.invitePerson('nina');
    const resentSince = Date.now();
    await prep.resend(nina.invitationId);
    page = await openLink(nina.link);
    await heading(page).getByText('This link was replaced by a newer e-mail').waitFor();
    await page.getByText('Use the link or the code in the newest e-mail.', { exact: false }).waitFor();
    await check(page, 'link-replaced');

    const newest = await portal.mailTo(portal.person('nina').email, resentSince);
    await portal.sql('invitations', `UPDATE invitation SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
      nina.invitationId,
    ]);
    page = await openLink(portal.linkOf(newest));
    await heading(page).getByText('This invitation has expired').waitFor();
    await page.getByText('Ask the company that invited you to send it again.', { exact: false }).waitFor();
    await check(page, 'link-expired');

    page = await openLink(`${portal.url}/invitations/accept?token=${'x'.repeat(43)}`);
    await heading(page).getByText('This invitation link is not valid').waitFor();
    await check(page, 'link-unknown');
  });

  it('counts wrong registration codes down and locks the invitation after the fifth', async () => {
    const victor = portal.person('victor');
    const invitation = await prep.invite({ ...victor.contact!, email: victor.email });
    const page = await (await personBrowser(browser)).newPage();
    await page.goto(`${portal.url}/invitations/accept`);
    await page.getByRole('button', { name: 'Sign in to accept' }).click();
    await signInAtProvider(page, 'victor', portal.password);
    const code = page.getByLabel('Registration code');
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await code.fill('ABCDE-23456');
      await page.getByRole('button', { name: 'Accept' }).click();
      const left = 5 - attempt;
      await page
        .getByText(
          left > 1
            ? `This registration code is not valid. Check it in the e-mail and try again (${left} attempts left).`
            : left === 1
              ? 'This registration code is not valid. Check it in the e-mail and try again (1 attempt left).'
              : 'This registration code is not valid, and the invitation is now locked after too many wrong codes.',
          { exact: false },
        )
        .waitFor();
    }
    await check(page, 'code-wrong');
    const link = await openLink(invitation.link);
    await heading(link).getByText('This invitation is locked').waitFor();
    await check(link, 'link-locked');
  });

  it('says when the signed-in address is not the invited one, and offers to continue as another account', async () => {
    await prep.settings({ requireEmailMatch: true });
    const theo = portal.person('theo');
    const invitation = await prep.invite({ ...theo.contact!, email: theo.email });
    const page = await (await personBrowser(browser)).newPage();
    await page.goto(invitation.link);
    await page.getByRole('button', { name: 'Sign in to accept' }).click();
    await signInAtProvider(page, 'victor', portal.password);
    await page.getByRole('button', { name: 'Accept' }).click();
    await page
      .getByText('This invitation was sent to another e-mail address than the one you are signed in with.', {
        exact: false,
      })
      .waitFor();
    await check(page, 'email-mismatch');
    await page.getByRole('button', { name: 'Sign out and continue as another account' }).click();
    await confirmSignOutAtProvider(page);
    await heading(page).getByText('You are signed out').waitFor();
    await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
    await signInAtProvider(page, 'theo', portal.password);
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.waitForURL('**/portal?welcome=1');
    await page.getByText('You now have access to the portal for Northwind Logistics.').waitFor();
    await check(page, 'accepted-as-the-invited-account');
  });

  it('has no serious or critical accessibility violation on any page it showed', () => {
    expect(violations).toEqual([]);
  });
});
