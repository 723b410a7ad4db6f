import type { INestApplication } from '@nestjs/common';
import { adminOf, erpPlace, invitationRequested, invitationTarget, waitFor } from '@partner-portal/testing';
import {
  buyLicenses,
  installExtension,
  licensingEvents,
  startSecondInstance,
  startService,
  type RunningLicensing,
} from './licensing.harness';

// The invariant: reserved + consumed <= purchased, whatever arrives at once (a CHECK and conditional updates).
describe('the license pool under concurrency', () => {
  let service: RunningLicensing;
  let second: INestApplication;

  beforeAll(async () => {
    service = await startService('oversold');
    second = await startSecondInstance(service);
  });
  afterAll(async () => {
    await second.close();
    await service.stop();
  });

  const sagaAnswers = async (tenantId: string, expected: number) =>
    waitFor(
      async () =>
        (await licensingEvents(service, 1_000, 3_000)).filter(
          (e) => e.tenantId === tenantId && (e.type === 'LicenseReserved' || e.type === 'LicenseReservationRejected'),
        ),
      (list) => list.length >= expected,
      { timeoutMs: 90_000, intervalMs: 500, what: `${expected} answers` },
    );

  async function inviteMany(tenantId: string, count: number) {
    const place = erpPlace(tenantId);
    const events = Array.from({ length: count }, (_, i) =>
      invitationRequested(place, invitationTarget(place, { partnerNo: `C${10_000 + (i % 20)}`, contactNo: `CT${i}` })),
    );
    await service.publisher.publish(...events);
  }

  it('reserves exactly 25 of 200 invitations against a pool of 25, with two instances in the group', async () => {
    const tenant = 'tenant-rush';
    await installExtension(service, tenant);
    await buyLicenses(service, tenant, 25);
    await inviteMany(tenant, 200);

    const answers = await sagaAnswers(tenant, 200);
    expect(answers.filter((e) => e.type === 'LicenseReserved')).toHaveLength(25);
    expect(answers.filter((e) => e.type === 'LicenseReservationRejected').map((e) => e.payload.reason)).toEqual(
      Array(175).fill('no_license_available'),
    );
    const overview = await service.request('GET', `/internal/tenants/${tenant}/overview`, {
      principal: adminOf(tenant),
    });
    expect(overview.body.pool).toEqual({ purchased: 25, reserved: 25, consumed: 0, available: 0 });
  });

  it('never oversells when cancellations race the reservations', async () => {
    const tenant = 'tenant-race';
    const admin = adminOf(tenant);
    await installExtension(service, tenant);
    await buyLicenses(service, tenant, 25);

    const invitations = inviteMany(tenant, 200);
    const cancellations = Array.from({ length: 30 }, (_, i) =>
      new Promise((r) => setTimeout(r, i * 15)).then(() =>
        service.request('POST', `/internal/tenants/${tenant}/cancellations`, {
          principal: admin,
          body: { quantity: 1 },
        }),
      ),
    );
    const [answers] = await Promise.all([invitations.then(() => sagaAnswers(tenant, 200)), Promise.all(cancellations)]);
    const cancelled = (await Promise.all(cancellations)).filter((r) => r.status === 200).length;
    const refused = (await Promise.all(cancellations)).filter((r) => r.status === 409).length;
    const reserved = answers.filter((e) => e.type === 'LicenseReserved').length;

    expect(cancelled + refused).toBe(30);
    expect(reserved + cancelled).toBeLessThanOrEqual(25);
    const { body } = await service.request('GET', `/internal/tenants/${tenant}/overview`, { principal: admin });
    expect(body.pool).toEqual({
      purchased: 25 - cancelled,
      reserved,
      consumed: 0,
      available: 25 - cancelled - reserved,
    });
    expect(body.pool.reserved + body.pool.consumed).toBeLessThanOrEqual(body.pool.purchased);
    const ledger = await service.request('GET', `/internal/tenants/${tenant}/ledger?pageSize=200`, {
      principal: admin,
    });
    expect(ledger.body.items.filter((l: { kind: string }) => l.kind === 'reservation')).toHaveLength(reserved);
    expect(ledger.body.items.filter((l: { kind: string }) => l.kind === 'cancellation')).toHaveLength(cancelled);
  });
});
