import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PartnerType } from '@partner-portal/contracts';
import {
  contactUpserted,
  erpPlace,
  masterData,
  people,
  startEphemeralKafka,
  startPlatform,
  tokenOf,
  waitFor,
  type EphemeralKafka,
  type RunningPlatform,
} from '@partner-portal/testing';
import { recordFigures } from '../src/figures';

const INVITATIONS = 20;
const FROZEN_MS = 30_000;

// Fault 2: the broker freezes (SIGSTOP) for 30 seconds while invitations travel between the services.
describe('the broker frozen for 30 seconds during invitations', () => {
  let kafka: EphemeralKafka;
  let platform: RunningPlatform;
  const tenant = 'tenant-broker-freeze';
  const place = erpPlace(tenant);
  const who = people(tenant);
  const admin = `/api/admin/tenants/${tenant}`;
  let adminToken: string;
  const contacts = Array.from({ length: INVITATIONS }, (_, i) => `CT-FROZEN${String(i).padStart(2, '0')}`);
  const emailOf = (contactNo: string) => `${contactNo.toLowerCase()}@fabrikam.example`;
  const pool = async () =>
    (await platform.call('GET', `${admin}/overview`, { token: adminToken })).body.pool as Record<string, number>;

  beforeAll(async () => {
    kafka = await startEphemeralKafka();
    platform = await startPlatform('broker-freeze', Object.values(who), { kafkaBrokers: kafka.brokers });
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
      headers: { 'idempotency-key': 'broker-freeze-checkout' },
    });
    expect(purchase.status).toBe(201);
    await waitFor(pool, (p) => p?.purchased === INVITATIONS, { what: 'the licenses bought' });
  }, 240_000);
  afterAll(async () => {
    await platform?.stop();
    await kafka?.destroy();
  });

  it('every invitation completes after the thaw, each e-mail sent once and each license held once', async () => {
    const startedAt = Date.now();
    const invitation = (contactNo: string) => ({
      environment: place.environment,
      companyId: place.companyId,
      partnerType: PartnerType.Customer,
      partnerNo: 'C10000',
      contactNo,
      role: 'authorized_user',
    });
    await waitFor(
      () =>
        platform.call('POST', `${admin}/invitations/bulk`, {
          token: adminToken,
          body: { invitations: contacts.map(invitation), dryRun: true },
        }),
      (r) => r.body.results?.every((result: { outcome: string }) => result.outcome === 'would_create'),
      { what: 'the contacts known to the invitations service' },
    );

    // Half are on their way when the broker freezes; the other half are asked for while it is frozen.
    const before = await Promise.all(
      contacts
        .slice(0, INVITATIONS / 2)
        .map((c) => platform.call('POST', `${admin}/invitations`, { token: adminToken, body: invitation(c) })),
    );
    await kafka.freeze();
    const during = await Promise.all(
      contacts
        .slice(INVITATIONS / 2)
        .map((c) => platform.call('POST', `${admin}/invitations`, { token: adminToken, body: invitation(c) })),
    );
    await new Promise((r) => setTimeout(r, FROZEN_MS));
    await kafka.thaw();
    // Accepted while frozen: the invitation is in the service's database and its events in the outbox.
    expect([...before, ...during].map((r) => r.status)).toEqual(contacts.map(() => 201));

    const invited = await waitFor(
      async () =>
        (await platform.call('GET', `${admin}/invitations?status=invited&pageSize=100`, { token: adminToken })).body,
      (page) => page.total === INVITATIONS,
      { what: 'every invitation sent after the thaw', timeoutMs: 180_000, intervalMs: 1_000 },
    );
    // Quiet for a while: a duplicate that is still on its way would land now.
    await new Promise((r) => setTimeout(r, 5_000));
    const mails = readdirSync(platform.mailDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join(platform.mailDir, f), 'utf8')) as { to: string });
    const perAddress = contacts.map((c) => mails.filter((m) => m.to === emailOf(c)).length);
    const final = await pool();

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
