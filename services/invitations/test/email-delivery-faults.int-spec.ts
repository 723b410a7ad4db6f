import { Client } from 'pg';
import { Topics } from '@partner-portal/contracts';
import {
  adminOf,
  companyUpserted,
  contactUpserted,
  erpPlace,
  EventPublisher,
  FakeSendGrid,
  isolatedEnvironment,
  type IsolatedEnvironment,
  licenseReserved,
  partnerUpserted,
  readTopic,
  type ServiceProcess,
  startServiceProcess,
  testServiceEnv,
  waitFor,
} from '@partner-portal/testing';

import { invitationsTestEnv } from './invitations.harness';

// The invitations service as its own process (from its build), on its own database and topics of the real broker,
// sending through a SendGrid stand-in that can hold a send open while the test kills the process.
describe('invitation e-mails when the sender dies or is slow', () => {
  const sendgrid = new FakeSendGrid();
  let env: IsolatedEnvironment;
  let publisher: EventPublisher;
  let service: ServiceProcess;
  let db: Client;
  let processEnv: NodeJS.ProcessEnv;
  const tenant = 'tenant-mail-faults';
  const place = erpPlace(tenant);
  const admin = adminOf(tenant);
  const contacts = ['anna', 'bram', 'carl', 'dora'];

  beforeAll(async () => {
    const baseUrl = await sendgrid.start();
    env = await isolatedEnvironment('email-faults');
    publisher = new EventPublisher(env.kafkaBrokers, env.topicPrefix);
    processEnv = {
      ...testServiceEnv(env),
      ...invitationsTestEnv({
        MAIL_TRANSPORT: 'sendgrid',
        SENDGRID_API_KEY: 'SG.test-key-not-a-real-one',
        SENDGRID_BASE_URL: baseUrl,
        // A dead worker's lease runs out quickly; SendGrid requests time out after half of it (3 s).
        EMAIL_SEND_LEASE_MS: '6000',
        // The stand-in shows an accepted send at once.
        EMAIL_LOOKUP_LAG_MS: '0',
        EMAIL_MAX_ATTEMPTS: '3',
      }),
    };
    service = await startServiceProcess('invitations', processEnv);
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    await publisher.publish(
      companyUpserted(place, 'CRONUS Nederland BV'),
      partnerUpserted(place, { partnerNo: 'C10000', name: 'Fabrikam Retail' }),
      ...contacts.map((name, i) =>
        contactUpserted(place, {
          partnerNo: 'C10000',
          contactNo: `CT${i + 1}`,
          name,
          email: `${name}@fabrikam.example`,
        }),
      ),
    );
  }, 120_000);

  afterAll(async () => {
    await service?.stop();
    await db?.end();
    await publisher?.close();
    await sendgrid.stop();
    await env?.dispose();
  });

  /** Invites a contact and lets licensing's answer arrive: its e-mail is due at once. */
  async function inviteWithLicense(contactNo: string, email: string): Promise<string> {
    const created = await waitFor(
      () =>
        service.request('POST', `/internal/tenants/${tenant}/invitations`, {
          principal: admin,
          body: {
            environment: place.environment,
            companyId: 'CRONUS',
            partnerType: 'customer',
            partnerNo: 'C10000',
            contactNo,
            role: 'authorized_user',
            inviterName: 'Olga Admin',
          },
        }),
      (r) => r.status === 201,
      { what: `the invitation of ${contactNo}` },
    );
    const invitationId: string = created.body.invitationId;
    await publisher.publish(licenseReserved(tenant, invitationId, email));
    return invitationId;
  }

  const sendsTo = (email: string) =>
    sendgrid.requests.filter((r) => r.body.personalizations?.[0]?.to?.[0]?.email === email);
  const sendReceived = (email: string) =>
    waitFor(
      () => sendsTo(email).length,
      (n) => n === 1,
      { what: `SendGrid to receive the e-mail to ${email}` },
    );
  const invitation = async (id: string) =>
    (await service.request('GET', `/internal/tenants/${tenant}/invitations/${id}`, { principal: admin })).body;
  const delivery = async (invitationId: string) =>
    (
      await db.query(
        `SELECT status, attempts, sealed_message IS NULL AS erased FROM email_delivery WHERE invitation_id = $1`,
        [invitationId],
      )
    ).rows;
  const deliveryBecomes = (invitationId: string, status: string) =>
    waitFor(
      () => delivery(invitationId),
      (rows) => rows.length === 1 && rows[0].status === status,
      { what: `the e-mail of ${invitationId} to be ${status}`, timeoutMs: 45_000 },
    );
  async function eventsAbout(invitationId: string): Promise<string[]> {
    const messages = await readTopic(env.kafkaBrokers, `${env.topicPrefix}${Topics.InvitationsEvents}`, {
      count: 1_000,
      timeoutMs: 3_000,
    });
    return messages
      .map((m) => JSON.parse(m.value!))
      .filter((e) => e.payload.invitationId === invitationId)
      .map((e) => e.type);
  }

  it('sends the e-mail once when the service is killed while SendGrid holds the send, and settles it as sent after the restart', async () => {
    sendgrid.holdSends = true;
    const id = await inviteWithLicense('CT1', 'anna@fabrikam.example');
    await sendReceived('anna@fabrikam.example');

    await service.kill('SIGKILL');
    sendgrid.holdSends = false;
    expect(await delivery(id)).toEqual([{ status: 'sending', attempts: 1, erased: false }]);
    service = await startServiceProcess('invitations', processEnv);

    await deliveryBecomes(id, 'sent');
    expect(sendsTo('anna@fabrikam.example')).toHaveLength(1);
    expect(sendgrid.lookups.some((q) => q.includes(`unique_args['invitationId']="${id}"`))).toBe(true);
    expect(await delivery(id)).toEqual([{ status: 'sent', attempts: 1, erased: true }]);
    expect((await invitation(id)).status).toBe('invited');
    const events = await waitFor(
      () => eventsAbout(id),
      (types) => types.includes('ContactInvited'),
      { what: 'ContactInvited' },
    );
    expect(events.filter((type) => type === 'ContactInvited')).toHaveLength(1);
  }, 120_000);

  it('holds no transaction or lock while SendGrid holds a send, so a revoke meanwhile goes through at once and no ContactInvited follows', async () => {
    sendgrid.holdSends = true;
    const id = await inviteWithLicense('CT2', 'bram@fabrikam.example');
    await sendReceived('bram@fabrikam.example');
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    const openTransactions = await db.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND state LIKE 'idle in transaction%' AND state_change < now() - interval '1 second'`,
    );
    expect(openTransactions.rows[0].n).toBe(0);
    // Neither the delivery nor the invitation is locked by the sender.
    await db.query('BEGIN');
    await db.query(`SELECT 1 FROM email_delivery WHERE invitation_id = $1 FOR UPDATE NOWAIT`, [id]);
    await db.query(`SELECT 1 FROM invitation WHERE id = $1 FOR UPDATE NOWAIT`, [id]);
    await db.query('ROLLBACK');
    const startedAt = Date.now();
    const revoked = await service.request('POST', `/internal/tenants/${tenant}/invitations/${id}/revoke`, {
      principal: admin,
      body: { reason: 'wrong person' },
    });
    expect(revoked.status).toBe(200);
    expect(Date.now() - startedAt).toBeLessThan(1_000);
    expect(await delivery(id)).toEqual([{ status: 'sending', attempts: 1, erased: true }]);

    sendgrid.release();
    sendgrid.holdSends = false;
    await deliveryBecomes(id, 'sent');
    expect((await invitation(id)).status).toBe('revoked');
    const events = await waitFor(
      () => eventsAbout(id),
      (types) => types.includes('InviteRevoked'),
      { what: 'InviteRevoked' },
    );
    expect(events).toEqual(['InvitationRequested', 'InviteRevoked']);
    expect(sendsTo('bram@fabrikam.example')).toHaveLength(1);
  }, 60_000);

  it('does not send again after SendGrid timed out on a send it had accepted: it finds the send and settles it', async () => {
    sendgrid.holdSends = true;
    const id = await inviteWithLicense('CT3', 'carl@fabrikam.example');
    await sendReceived('carl@fabrikam.example');

    // The request times out after 3 s; the worker asks SendGrid before trying again.
    await waitFor(
      () => sendgrid.lookups.filter((q) => q.includes(id)).length,
      (n) => n >= 1,
      { what: 'the lookup of the timed-out send', timeoutMs: 30_000 },
    );
    sendgrid.release();
    sendgrid.holdSends = false;
    await deliveryBecomes(id, 'sent');
    expect(sendsTo('carl@fabrikam.example')).toHaveLength(1);
    expect((await invitation(id)).status).toBe('invited');
    const events = await waitFor(
      () => eventsAbout(id),
      (types) => types.includes('ContactInvited'),
      { what: 'ContactInvited' },
    );
    expect(events.filter((type) => type === 'ContactInvited')).toHaveLength(1);
  }, 60_000);

  it('never sends twice when SendGrid cannot tell (no Email Activity): the e-mail stays sent-unconfirmed, the invitation invited', async () => {
    sendgrid.holdSends = true;
    sendgrid.activityStatus = 403;
    const id = await inviteWithLicense('CT4', 'dora@fabrikam.example');
    await sendReceived('dora@fabrikam.example');

    await service.kill('SIGKILL');
    sendgrid.holdSends = false;
    service = await startServiceProcess('invitations', processEnv);

    await deliveryBecomes(id, 'sent_unconfirmed');
    sendgrid.activityStatus = 200;
    expect(sendsTo('dora@fabrikam.example')).toHaveLength(1);
    expect((await invitation(id)).status).toBe('invited');
  }, 120_000);
});
