import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { PartnerType, Topics } from '@partner-portal/contracts';
import {
  contactUpserted,
  erpPlace,
  masterData,
  people,
  readTopic,
  startPlatform,
  tokenOf,
  waitFor,
  type RunningPlatform,
} from '@partner-portal/testing';
import { recordFigures } from '../src/figures';

const INVITATIONS = 30;

// Faults 4 and 5: the invitations service dies (kill -9) after its outbox relay published but before it marked the
// rows sent, so its events go out again after the restart; and two instances (two relays) share the outbox then.
describe('the outbox relay killed between publishing and marking', () => {
  let platform: RunningPlatform;
  const tenant = 'tenant-relay-crash';
  const place = erpPlace(tenant);
  const who = people(tenant);
  const admin = `/api/admin/tenants/${tenant}`;
  let adminToken: string;
  const contacts = Array.from({ length: INVITATIONS }, (_, i) => `CT-RELAY${String(i).padStart(2, '0')}`);
  const emailOf = (contactNo: string) => `${contactNo.toLowerCase()}@fabrikam.example`;
  const pool = async () =>
    (await platform.call('GET', `${admin}/overview`, { token: adminToken })).body.pool as Record<string, number>;

  beforeAll(async () => {
    platform = await startPlatform('relay-crash', Object.values(who));
    adminToken = await tokenOf(platform, who.admin);
    await platform.publisher.publish(
      ...masterData(place, who),
      ...contacts.map((contactNo) =>
        contactUpserted(place, {
          partnerType: PartnerType.Customer,
          partnerNo: 'C10000',
          contactNo,
          name: contactNo,
          email: emailOf(contactNo),
        }),
      ),
    );
    await platform.call('POST', `${admin}/cart/lines`, { token: adminToken, body: { quantity: INVITATIONS } });
    const purchase = await platform.call('POST', `${admin}/checkout`, {
      token: adminToken,
      headers: { 'idempotency-key': 'relay-crash-checkout' },
    });
    expect(purchase.status).toBe(201);
    await waitFor(pool, (p) => p?.purchased === INVITATIONS, { what: 'the licenses bought' });
  }, 180_000);
  afterAll(() => platform?.stop());

  it('the events published again after the restart reach the consumers as duplicates, and they ignore them', async () => {
    const startedAt = Date.now();
    const body = {
      invitations: contacts.map((contactNo) => ({
        environment: place.environment,
        companyId: place.companyId,
        partnerType: PartnerType.Customer,
        partnerNo: 'C10000',
        contactNo,
        role: 'authorized_user',
      })),
    };
    await waitFor(
      () => platform.call('POST', `${admin}/invitations/bulk`, { token: adminToken, body: { ...body, dryRun: true } }),
      (r) => r.body.results?.every((result: { outcome: string }) => result.outcome === 'would_create'),
      { what: 'the contacts known to the invitations service' },
    );
    expect((await platform.call('POST', `${admin}/invitations/bulk`, { token: adminToken, body })).status).toBe(200);
    await waitFor(
      async () =>
        (await platform.call('GET', `${admin}/invitations?status=invited&pageSize=100`, { token: adminToken })).body
          .total,
      (n) => n === INVITATIONS,
      { what: 'every invitation sent' },
    );

    // The crash: the process dies, and its relay's last marks are lost as if it died before writing them.
    await platform.services.invitations.kill('SIGKILL');
    const db = new Client({ connectionString: platform.databaseUrls.invitations });
    await db.connect();
    const backlog = async () =>
      Number((await db.query(`SELECT count(*) FROM outbox_message WHERE published_at IS NULL`)).rows[0].count);
    try {
      const unmarked = await db.query(`UPDATE outbox_message SET published_at = NULL WHERE published_at IS NOT NULL`);
      expect(unmarked.rowCount).toBeGreaterThanOrEqual(INVITATIONS * 2);
      // Two instances come back, so two relays race for the same rows.
      const port = Number(new URL(platform.services.invitations.baseUrl).port);
      await Promise.all([platform.startInstance('invitations', { port }), platform.startInstance('invitations')]);
      await waitFor(backlog, (n) => n === 0, { what: 'the outbox published again', timeoutMs: 60_000 });
    } finally {
      await db.end();
    }

    const events = (
      await readTopic(platform.kafkaBrokers, `${platform.topicPrefix}${Topics.InvitationsEvents}`, {
        count: 10_000,
        timeoutMs: 3_000,
      })
    ).map((m) => JSON.parse(m.value!) as { eventId: string; type: string });
    const requested = events.filter((e) => e.type === 'InvitationRequested');
    const distinct = new Set(requested.map((e) => e.eventId)).size;
    // Quiet for a while: an effect of a duplicate that is still on its way would land now.
    await new Promise((r) => setTimeout(r, 5_000));
    const mails = readdirSync(platform.mailDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join(platform.mailDir, f), 'utf8')) as { to: string });
    const perAddress = contacts.map((c) => mails.filter((m) => m.to === emailOf(c)).length);
    const final = await pool();
    const invited = (await platform.call('GET', `${admin}/invitations?pageSize=100`, { token: adminToken })).body;

    // Each event reached the topic twice (once per claim of a row), and licensing held one license each.
    expect(distinct).toBe(INVITATIONS);
    expect(requested.length).toBe(INVITATIONS * 2);
    expect(final).toMatchObject({ purchased: INVITATIONS, reserved: INVITATIONS, consumed: 0, available: 0 });
    expect(perAddress).toEqual(contacts.map(() => 1));
    expect(invited.items.map((i: { status: string }) => i.status)).toEqual(contacts.map(() => 'invited'));
    recordFigures('outbox relay killed between publishing and marking, two relays after the restart', startedAt, {
      events: INVITATIONS,
      faults: 2,
      lost: INVITATIONS - distinct,
      doubled: perAddress.reduce((sum, n) => sum + Math.max(0, n - 1), 0) + Math.max(0, final.reserved - INVITATIONS),
      republished: requested.length - distinct,
    });
  }, 300_000);
});
