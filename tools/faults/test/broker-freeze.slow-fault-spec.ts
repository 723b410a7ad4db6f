import {
  startEphemeralKafka,
  startPlatform,
  waitFor,
  type EphemeralKafka,
  type RunningPlatform,
} from '@partner-portal/testing';
import { contactNamed, FaultTenant } from '../src/fault-tenant';
import { recordFigures } from '../src/figures';

const INVITATIONS = 20;
const FROZEN_MS = 30_000;

// Fault 2: the broker freezes (SIGSTOP) for 30 seconds while invitations travel between the services.
describe('the broker frozen for 30 seconds during invitations', () => {
  let kafka: EphemeralKafka;
  let platform: RunningPlatform;
  const contacts = Array.from({ length: INVITATIONS }, (_, i) => `CT-FROZEN${String(i).padStart(2, '0')}`);
  const tenant = new FaultTenant('tenant-broker-freeze', contacts.map(contactNamed));

  beforeAll(async () => {
    kafka = await startEphemeralKafka();
    platform = await startPlatform('broker-freeze', Object.values(tenant.who), { kafkaBrokers: kafka.brokers });
    await tenant.prepare(platform, INVITATIONS);
  }, 240_000);
  afterAll(async () => {
    await platform?.stop();
    await kafka?.destroy();
  });

  it('every invitation completes after the thaw, each e-mail sent once and each license held once', async () => {
    const startedAt = Date.now();
    await tenant.untilInvitable(contacts);

    // Half are on their way when the broker freezes; the other half are asked for while it is frozen.
    const before = await Promise.all(
      contacts
        .slice(0, INVITATIONS / 2)
        .map((c) => tenant.call('POST', '/invitations', { body: tenant.invitationOf(c) })),
    );
    await kafka.freeze();
    const during = await Promise.all(
      contacts.slice(INVITATIONS / 2).map((c) => tenant.call('POST', '/invitations', { body: tenant.invitationOf(c) })),
    );
    await new Promise((r) => setTimeout(r, FROZEN_MS));
    await kafka.thaw();
    // Accepted while frozen: the invitation is in the service's database and its events in the outbox.
    expect([...before, ...during].map((r) => r.status)).toEqual(contacts.map(() => 201));

    const invited = await waitFor(
      async () => (await tenant.call('GET', '/invitations?status=invited&pageSize=100')).body,
      (page) => page.total === INVITATIONS,
      { what: 'every invitation sent after the thaw', timeoutMs: 180_000, intervalMs: 1_000 },
    );
    // Quiet for a while: a duplicate that is still on its way would land now.
    await new Promise((r) => setTimeout(r, 5_000));
    const perAddress = tenant.mailsPerContact();
    const final = await tenant.pool();

    expect(invited.total).toBe(INVITATIONS);
    expect(perAddress).toEqual(contacts.map(() => 1));
    expect(final).toMatchObject({ purchased: INVITATIONS, reserved: INVITATIONS, consumed: 0, available: 0 });
    recordFigures('broker SIGSTOP for 30 s during 20 invitations', startedAt, {
      events: INVITATIONS,
      faults: 1,
      lost: INVITATIONS - perAddress.filter((n) => n > 0).length,
      doubled: perAddress.reduce((sum, n) => sum + Math.max(0, n - 1), 0),
      frozenSeconds: FROZEN_MS / 1_000,
    });
  }, 600_000);
});
