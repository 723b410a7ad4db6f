import { DataSource } from 'typeorm';
import { EnvironmentType } from '@partner-portal/contracts';
import {
  adminOf,
  companyUpserted,
  contactUpserted,
  createTestDatabase,
  dropTestDatabase,
  erpPlace,
  extensionStatusChanged,
  partnerUpserted,
  startServiceProcess,
  startSystemUnderTest,
  TEST_SERVICE_CREDENTIALS,
  TEST_ISSUER,
  waitFor,
  type ServiceProcess,
  type SystemUnderTest,
} from '@partner-portal/testing';
import { MAX_WRONG_CODES_PER_PERSON } from '../src/invitations/invitation-status';
import { secretsOf, startInvitationsWith } from './invitations.harness';

// The whole invitation saga: invitations in this process, partner-identity and licensing as their own processes,
// all on one set of topics of the real broker, each with its own database.
describe('the invitation saga across partner-identity, licensing and invitations', () => {
  let system: SystemUnderTest;
  let identity: ServiceProcess;
  let licensing: ServiceProcess;
  const databases: string[] = [];
  const tenant = 'tenant-saga';
  const admin = adminOf(tenant, 'admin-olga');
  const production = erpPlace(tenant);
  const sandbox = erpPlace(tenant, { environment: 'sandbox-test', environmentType: EnvironmentType.Sandbox });
  const invitations = () => system.services.invitations;

  async function startProcess(name: string): Promise<ServiceProcess> {
    const database = await createTestDatabase(`saga-${name}`);
    databases.push(database.name);
    return startServiceProcess(name, {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: system.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: system.topicPrefix,
      ...TEST_SERVICE_CREDENTIALS,
    });
  }

  /** Licensing knows the extension of these places (erp.masterdata has no order with invitations.events). */
  const extensionKnown = (tenantId: string, places: Array<typeof production>) =>
    waitFor(
      () => licensing.request('GET', `/internal/tenants/${tenantId}/overview`, { principal: adminOf(tenantId) }),
      (r) =>
        places.every((place) =>
          r.body.module?.extensions?.some(
            (e: { environment: string; companyId: string }) =>
              e.environment === place.environment && e.companyId === place.companyId,
          ),
        ),
      { what: `licensing to know the extension of ${tenantId}` },
    );

  beforeAll(async () => {
    system = await startSystemUnderTest('saga', { invitations: startInvitationsWith() });
    [identity, licensing] = await Promise.all([startProcess('partner-identity'), startProcess('licensing')]);
    for (const place of [production, sandbox]) {
      await system.publisher.publish(
        extensionStatusChanged(place),
        companyUpserted(place, 'CRONUS Nederland BV'),
        partnerUpserted(place, { partnerNo: 'C10000', name: 'Fabrikam Retail' }),
        ...['anna', 'bram', 'carl', 'dora', 'erin'].map((name, i) =>
          contactUpserted(place, {
            partnerNo: 'C10000',
            contactNo: `CT${i + 1}`,
            name,
            email: `${name}@fabrikam.example`,
          }),
        ),
      );
    }
    await licensing.request('POST', `/internal/tenants/${tenant}/cart/lines`, {
      principal: admin,
      body: { quantity: 3 },
    });
    await licensing.request('POST', `/internal/tenants/${tenant}/checkout`, {
      principal: admin,
      headers: { 'idempotency-key': 'saga-3' },
    });
    await extensionKnown(tenant, [production, sandbox]);
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled([identity?.stop(), licensing?.stop()]);
    await system.stop();
    await Promise.allSettled(databases.map((name) => dropTestDatabase(name)));
  });

  const pool = async () =>
    (await licensing.request('GET', `/internal/tenants/${tenant}/overview`, { principal: admin })).body.pool;
  const poolBecomes = (expected: object) =>
    waitFor(pool, (p) => JSON.stringify(p) === JSON.stringify(expected), { what: `pool ${JSON.stringify(expected)}` });
  const invitation = (id: string) =>
    invitations()
      .request('GET', `/internal/tenants/${tenant}/invitations/${id}`, { principal: admin })
      .then((r) => r.body);
  const statusBecomes = (id: string, status: string) =>
    waitFor(
      () => invitation(id),
      (i) => i.status === status,
      { what: `status ${status}` },
    );

  async function invite(contactNo: string, place = production, role = 'authorized_user') {
    const response = await waitFor(
      () =>
        invitations().request('POST', `/internal/tenants/${place.tenantId}/invitations`, {
          principal: adminOf(place.tenantId, 'admin-olga'),
          body: {
            environment: place.environment,
            companyId: 'CRONUS',
            partnerType: 'customer',
            partnerNo: 'C10000',
            contactNo,
            role,
            inviterName: 'Olga',
          },
        }),
      (r) => r.status !== 404,
      { what: `the mirror to know ${contactNo}` },
    );
    expect(response.status).toBe(201);
    return response.body.invitationId as string;
  }

  async function latestMail(to: string, count = 1) {
    const mails = await waitFor(
      async () => (await invitations().request('GET', `/internal/dev/mail?to=${to}`)).body,
      (list) => list.length >= count,
      { what: `${count} e-mail(s) to ${to}` },
    );
    return secretsOf(mails[0].text);
  }

  const person = (name: string) => ({
    issuer: TEST_ISSUER,
    subject: `sub-${name}`,
    email: `${name}@fabrikam.example`,
    name,
  });
  const accept = (body: object) => invitations().request('POST', '/internal/invitations/accept', { body });
  const preview = (token: string) =>
    invitations().request('POST', '/internal/invitations/preview', { body: { token } });

  it('invites, holds a license, e-mails the code, accepts it: a portal user with the role, the license consumed', async () => {
    const id = await invite('CT1', production, 'customer_representative');
    await statusBecomes(id, 'invited');
    const { token, code } = await latestMail('anna@fabrikam.example');
    const shown = await preview(token);
    expect(shown.body).toEqual({
      inviterName: 'Olga',
      companyName: 'CRONUS Nederland BV',
      environment: 'production',
      environmentType: 'production',
      partnerType: 'customer',
      partnerName: 'Fabrikam Retail',
      role: 'customer_representative',
      expiresAt: expect.any(String),
    });
    // Nothing personal of the contact: the link may have reached someone else.
    expect(JSON.stringify(shown.body)).not.toMatch(/anna|CT1/i);

    const accepted = await accept({ code: code.toLowerCase(), identity: person('anna') });
    expect(accepted).toMatchObject({
      status: 200,
      body: { invitationId: id, partnerNo: 'C10000', role: 'customer_representative', emailMatched: true },
    });
    expect((await invitation(id)).status).toBe('accepted');

    const resolved = await waitFor(
      () =>
        identity.request('POST', '/internal/principals/resolve', {
          body: { issuer: TEST_ISSUER, subject: 'sub-anna' },
        }),
      (r) => r.body.memberships?.length === 1,
      { what: "anna's membership" },
    );
    expect(resolved.body.memberships[0]).toMatchObject({
      tenantId: tenant,
      partnerNo: 'C10000',
      contactNo: 'CT1',
      role: 'customer_representative',
    });
    await poolBecomes({ purchased: 3, reserved: 0, consumed: 1, available: 2 });

    // A used link and a used code are refused, saying why.
    expect(await preview(token)).toMatchObject({ status: 410, body: { code: 'already_accepted' } });
    expect(await accept({ token, identity: person('anna') })).toMatchObject({
      status: 410,
      body: { code: 'already_accepted' },
    });
  });

  it('holds one license for one person invited to production and to a sandbox', async () => {
    const id = await invite('CT1', sandbox);
    await statusBecomes(id, 'invited');
    expect(await pool()).toEqual({ purchased: 3, reserved: 0, consumed: 1, available: 2 });
  });

  it('gives the license back on revoke, and refuses the revoked link', async () => {
    const id = await invite('CT2');
    await statusBecomes(id, 'invited');
    await poolBecomes({ purchased: 3, reserved: 1, consumed: 1, available: 1 });
    const { token } = await latestMail('bram@fabrikam.example');
    const revoked = await invitations().request('POST', `/internal/tenants/${tenant}/invitations/${id}/revoke`, {
      principal: admin,
      body: {},
    });
    expect(revoked.body.status).toBe('revoked');
    await poolBecomes({ purchased: 3, reserved: 0, consumed: 1, available: 2 });
    expect(await preview(token)).toMatchObject({ status: 410, body: { code: 'revoked' } });
  });

  it('gives the license back on expiry, and refuses the expired link', async () => {
    const id = await invite('CT3');
    await statusBecomes(id, 'invited');
    const { token } = await latestMail('carl@fabrikam.example');
    // Fourteen days pass.
    await invitations()
      .app.get(DataSource)
      .query(`UPDATE invitation SET expires_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    await statusBecomes(id, 'expired');
    await poolBecomes({ purchased: 3, reserved: 0, consumed: 1, available: 2 });
    expect(await preview(token)).toMatchObject({ status: 410, body: { code: 'expired' } });
  });

  it('locks after five wrong codes; a resend unlocks with new secrets, and the old link and code say they were replaced', async () => {
    const id = await invite('CT4');
    await statusBecomes(id, 'invited');
    const old = await latestMail('dora@fabrikam.example');
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push(await accept({ code: 'AAAAA-AAAAA', identity: person('dora') }));
    expect(answers.map((a) => a.body.attemptsLeft)).toEqual([4, 3, 2, 1, 0]);
    expect(answers.every((a) => a.status === 400 && a.body.code === 'wrong_code')).toBe(true);
    // A sixth wrong code hears that the invitation is locked and how it is unlocked, not "not valid" again.
    expect(await accept({ code: 'BBBBB-BBBBB', identity: person('dora') })).toMatchObject({
      status: 423,
      body: { code: 'locked', detail: expect.stringContaining('sending the invitation again') },
    });
    expect(await accept({ code: old.code, identity: person('dora') })).toMatchObject({
      status: 423,
      body: { code: 'locked' },
    });
    expect((await invitation(id)).locked).toBe(true);

    const resent = await invitations().request('POST', `/internal/tenants/${tenant}/invitations/${id}/resend`, {
      principal: admin,
    });
    expect(resent.body).toMatchObject({ status: 'invited', resendCount: 1, locked: false });
    const fresh = await latestMail('dora@fabrikam.example', 2);
    expect(fresh.token).not.toBe(old.token);
    const replacedLink = await preview(old.token);
    expect(replacedLink).toMatchObject({
      status: 410,
      contentType: expect.stringContaining('application/problem+json'),
      body: {
        code: 'replaced',
        detail: 'this link was replaced by a newer invitation e-mail; use the link in the newest e-mail',
      },
    });
    expect(JSON.stringify(replacedLink.body)).not.toMatch(/dora|CRONUS|Fabrikam|C10000/i);
    expect(await accept({ token: old.token, identity: person('dora') })).toMatchObject({
      status: 410,
      body: { code: 'replaced' },
    });
    // An old code, even typed twice, is not a wrong code: the next wrong one is the first of five.
    for (let i = 0; i < 2; i += 1) {
      expect(await accept({ code: old.code.toLowerCase(), identity: person('dora') })).toMatchObject({
        status: 410,
        body: { code: 'replaced', detail: expect.stringContaining('use the code in the newest e-mail') },
      });
    }
    expect(await accept({ code: 'AAAAA-AAAAA', identity: person('dora') })).toMatchObject({
      status: 400,
      body: { code: 'wrong_code', attemptsLeft: 4 },
    });
    // A link that never existed is still only "not valid", with nothing about any invitation.
    const unknown = await preview('x'.repeat(43));
    expect(unknown).toMatchObject({ status: 404, body: { code: 'unknown_link' } });
    expect(Object.keys(unknown.body).sort()).toEqual(['code', 'detail', 'instance', 'status', 'title', 'type']);
    expect(await accept({ code: fresh.code, identity: person('dora') })).toMatchObject({
      status: 200,
      body: { invitationId: id },
    });
    await poolBecomes({ purchased: 3, reserved: 0, consumed: 2, available: 1 });
  });

  it("bounds a stranger's code guessing per person, and never locks the invitations they aim at", async () => {
    const id = await invite('CT5');
    await statusBecomes(id, 'invited');
    const mail = await latestMail('erin@fabrikam.example');
    const guesses = [];
    for (let i = 0; i < MAX_WRONG_CODES_PER_PERSON; i += 1) {
      guesses.push(await accept({ code: 'CCCCC-CCCCC', identity: person('mallory') }));
    }
    // The stranger has no invitation of their own: no attempts to count down, and Erin's is not locked by them.
    expect(guesses.every((g) => g.status === 400 && g.body.code === 'wrong_code' && !('attemptsLeft' in g.body))).toBe(
      true,
    );
    expect((await invitation(id)).locked).toBe(false);
    // The next try, even with a code that exists, is refused to the stranger for the rest of the window.
    expect(await accept({ code: mail.code, identity: person('mallory') })).toMatchObject({
      status: 429,
      body: { code: 'too_many_wrong_codes' },
    });
    expect(await accept({ code: mail.code, identity: person('erin') })).toMatchObject({
      status: 200,
      body: { invitationId: id },
    });
  });

  it('rejects without a license: no e-mail, nothing held', async () => {
    const broke = erpPlace('tenant-broke');
    await system.publisher.publish(
      extensionStatusChanged(broke),
      companyUpserted(broke),
      partnerUpserted(broke, { partnerNo: 'C10000' }),
      contactUpserted(broke, { partnerNo: 'C10000', contactNo: 'CT1', email: 'erik@broke.example' }),
    );
    await extensionKnown('tenant-broke', [broke]);
    const id = await invite('CT1', broke);
    const rejected = await waitFor(
      () =>
        invitations()
          .request('GET', `/internal/tenants/tenant-broke/invitations/${id}`, { principal: adminOf('tenant-broke') })
          .then((r) => r.body),
      (i) => i.status === 'rejected',
      { what: 'the rejection' },
    );
    expect(rejected.rejectionReason).toBe('no_license_available');
    expect((await invitations().request('GET', '/internal/dev/mail?to=erik@broke.example')).body).toEqual([]);
    const overview = await licensing.request('GET', '/internal/tenants/tenant-broke/overview', {
      principal: adminOf('tenant-broke'),
    });
    expect(overview.body.pool).toEqual({ purchased: 0, reserved: 0, consumed: 0, available: 0 });
  });
});
