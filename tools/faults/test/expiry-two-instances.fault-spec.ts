import { Client } from 'pg';
import { Topics } from '@partner-portal/contracts';
import { readTopic, startPlatform, waitFor, type RunningPlatform } from '@partner-portal/testing';
import { contactNamed, FaultTenant } from '../src/fault-tenant';
import { recordFigures } from '../src/figures';

const INVITATIONS = 40;

// Fault 13: two instances of the invitations service sweep for expired invitations at the same moments.
describe('the expiry job on two instances at once', () => {
  let platform: RunningPlatform;
  const contacts = Array.from({ length: INVITATIONS }, (_, i) => `CT-LATE${String(i).padStart(2, '0')}`);
  const tenant = new FaultTenant('tenant-expiry-race', contacts.map(contactNamed));

  beforeAll(async () => {
    platform = await startPlatform('expiry-race', Object.values(tenant.who), {
      serviceEnv: { EXPIRY_SWEEP_MS: '100' },
    });
    await tenant.prepare(platform, INVITATIONS);
  }, 180_000);
  afterAll(() => platform?.stop());

  it('expires each invitation once, with one event and one license given back each', async () => {
    const startedAt = Date.now();
    const ids = await tenant.inviteAll(contacts);
    expect(ids).toHaveLength(INVITATIONS);
    await waitFor(
      () => tenant.pool(),
      (p) => p.reserved === INVITATIONS,
      { what: 'a license held for each invitation' },
    );
    await waitFor(
      () => tenant.invitationsIn('invited'),
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

    const final = await waitFor(
      () => tenant.pool(),
      (p) => p.reserved === 0,
      { what: 'every license given back' },
    );
    const events = (
      await readTopic(platform.kafkaBrokers, `${platform.topicPrefix}${Topics.InvitationsEvents}`, {
        count: 1_000,
        timeoutMs: 3_000,
      })
    )
      .map((m) => JSON.parse(m.value!))
      .filter((e) => e.type === 'InviteExpired');
    const expired = await tenant.invitationsIn('expired');
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
