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

const INVITATIONS = 40;

// Fault 13: two instances of the invitations service sweep for expired invitations at the same moments.
describe('the expiry job on two instances at once', () => {
  let platform: RunningPlatform;
  const tenant = 'tenant-expiry-race';
  const place = erpPlace(tenant);
  const who = people(tenant);
  const admin = `/api/admin/tenants/${tenant}`;
  let adminToken: string;
  const pool = async () =>
    (await platform.call('GET', `${admin}/overview`, { token: adminToken })).body.pool as Record<string, number>;
  const contacts = Array.from({ length: INVITATIONS }, (_, i) => `CT-LATE${String(i).padStart(2, '0')}`);

  beforeAll(async () => {
    platform = await startPlatform('expiry-race', Object.values(who), { serviceEnv: { EXPIRY_SWEEP_MS: '100' } });
    adminToken = await tokenOf(platform, who.admin);
    await platform.publisher.publish(
      ...masterData(place, who),
      ...contacts.map((contactNo) =>
        contactUpserted(place, {
          partnerType: PartnerType.Customer,
          partnerNo: 'C10000',
          contactNo,
          name: contactNo,
          email: `${contactNo.toLowerCase()}@fabrikam.example`,
        }),
      ),
    );
    await platform.call('POST', `${admin}/cart/lines`, { token: adminToken, body: { quantity: INVITATIONS } });
    const purchase = await platform.call('POST', `${admin}/checkout`, {
      token: adminToken,
      headers: { 'idempotency-key': 'expiry-race-checkout' },
    });
    expect(purchase.status).toBe(201);
    await waitFor(pool, (p) => p?.purchased === INVITATIONS, { what: 'the licenses bought' });
  }, 180_000);
  afterAll(() => platform?.stop());

  it('expires each invitation once, with one event and one license given back each', async () => {
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
    const bulk = await waitFor(
      () => platform.call('POST', `${admin}/invitations/bulk`, { token: adminToken, body: { ...body, dryRun: true } }),
      (r) => r.body.results?.every((result: { outcome: string }) => result.outcome === 'would_create'),
      { what: 'the contacts known to the invitations service' },
    );
    expect(bulk.status).toBe(200);
    const created = await platform.call('POST', `${admin}/invitations/bulk`, { token: adminToken, body });
    const ids: string[] = created.body.results.map(
      (r: { invitation: { invitationId: string } }) => r.invitation.invitationId,
    );
    expect(ids).toHaveLength(INVITATIONS);
    await waitFor(pool, (p) => p.reserved === INVITATIONS, { what: 'a license held for each invitation' });
    await waitFor(
      async () =>
        (await platform.call('GET', `${admin}/invitations?status=invited&pageSize=100`, { token: adminToken })).body
          .total,
      (n) => n === INVITATIONS,
      { what: 'every invitation sent' },
    );

    await platform.startInstance('invitations');
    // Time passes: every invitation's expiry moves into the past at once, and both instances find them due.
    const db = new Client({ connectionString: platform.databaseUrls.invitations });
    await db.connect();
    try {
      await db.query(`UPDATE invitation SET expires_at = now() - interval '1 second' WHERE id = ANY($1::uuid[])`, [
        ids,
      ]);
    } finally {
      await db.end();
    }

    const final = await waitFor(pool, (p) => p.reserved === 0, { what: 'every license given back' });
    const events = (
      await readTopic(platform.kafkaBrokers, `${platform.topicPrefix}${Topics.InvitationsEvents}`, {
        count: 1_000,
        timeoutMs: 3_000,
      })
    )
      .map((m) => JSON.parse(m.value!))
      .filter((e) => e.type === 'InviteExpired');
    const expired = (
      await platform.call('GET', `${admin}/invitations?status=expired&pageSize=100`, { token: adminToken })
    ).body.total;
    expect(new Set(events.map((e) => e.payload.invitationId)).size).toBe(INVITATIONS);
    expect(events).toHaveLength(INVITATIONS);
    expect(expired).toBe(INVITATIONS);
    expect(final).toMatchObject({ purchased: INVITATIONS, reserved: 0, consumed: 0, available: INVITATIONS });
    recordFigures('expiry job on two instances: 40 invitations due at once', startedAt, {
      events: INVITATIONS,
      faults: 1,
      lost: INVITATIONS - new Set(events.map((e) => e.payload.invitationId)).size,
      doubled: events.length - new Set(events.map((e) => e.payload.invitationId)).size,
      licensesReleased: final.available,
    });
  }, 300_000);
});
