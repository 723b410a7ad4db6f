import { Client } from 'pg';
import { Topics } from '@partner-portal/contracts';
import { readTopic, startPlatform, waitFor, type RunningPlatform } from '@partner-portal/testing';
import { contactNamed, FaultTenant } from '../src/fault-tenant';
import { recordFigures } from '../src/figures';

const INVITATIONS = 30;

// Faults 4 and 5: the invitations service dies (kill -9) after its outbox relay published but before it marked the
// rows sent, so its events go out again after the restart; and two instances (two relays) share the outbox then.
describe('the outbox relay killed between publishing and marking', () => {
  let platform: RunningPlatform;
  const contacts = Array.from({ length: INVITATIONS }, (_, i) => contactNamed(`CT-RELAY${String(i).padStart(2, '0')}`));
  const tenant = new FaultTenant('tenant-relay-crash', contacts);

  beforeAll(async () => {
    platform = await startPlatform('relay-crash', Object.values(tenant.who));
    await tenant.prepare(platform, INVITATIONS);
  }, 180_000);
  afterAll(() => platform?.stop());

  it('the events published again after the restart reach the consumers as duplicates, and they ignore them', async () => {
    const startedAt = Date.now();
    await tenant.inviteAll(contacts.map((c) => c.contactNo));
    await waitFor(
      () => tenant.invitationsIn('invited'),
      (n) => n === INVITATIONS,
      { what: 'every invitation sent' },
    );

    const db = new Client({ connectionString: platform.databaseUrls.invitations });
    await db.connect();
    const backlog = async () =>
      Number((await db.query(`SELECT count(*) FROM outbox_message WHERE published_at IS NULL`)).rows[0].count);
    try {
      // The events that follow 'invited' (the e-mail's) may still be on their way out; the crash comes after them.
      await waitFor(backlog, (n) => n === 0, { what: 'the outbox published' });
      // The crash: the process dies, and its relay's last marks are lost as if it died before writing them.
      await platform.services.invitations.kill('SIGKILL');
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
    const perAddress = tenant.mailsPerContact();
    const final = await tenant.pool();
    const invited = (await tenant.call('GET', '/invitations?pageSize=100')).body;

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
