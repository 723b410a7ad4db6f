import { randomUUID } from 'node:crypto';
import { PortalRole } from '@partner-portal/contracts';
import {
  adminOf,
  erpPlace,
  extensionStatusChanged,
  invitationRequested,
  invitationTarget,
  inviteAccepted,
  inviteRevoked,
  portalUserDeactivated,
  portalUserRef,
  waitFor,
} from '@partner-portal/testing';
import { DataSource } from 'typeorm';
import {
  buyLicenses,
  installExtension,
  licensingEvents,
  startService,
  type RunningLicensing,
} from './licensing.harness';

describe('licensing in the invitation saga', () => {
  let service: RunningLicensing;

  beforeAll(async () => {
    service = await startService('saga');
  });
  afterAll(() => service.stop());

  const overview = (tenantId: string) =>
    service
      .request('GET', `/internal/tenants/${tenantId}/overview`, { principal: adminOf(tenantId) })
      .then((r) => r.body);
  const ledger = (tenantId: string) =>
    service
      .request('GET', `/internal/tenants/${tenantId}/ledger?pageSize=200`, { principal: adminOf(tenantId) })
      .then((r) => r.body);
  const poolOf = (tenantId: string, expected: object) =>
    waitFor(
      () => overview(tenantId),
      (o) => JSON.stringify(o.pool) === JSON.stringify(expected),
      { what: `pool ${JSON.stringify(expected)}` },
    );

  it('runs purchase 3, reserve 3, consume 2, release 1 to 3/0/2/1 with a ledger of 7 lines; redelivery changes nothing', async () => {
    const tenant = 'tenant-path';
    const place = erpPlace(tenant);
    await installExtension(service, tenant);
    expect((await buyLicenses(service, tenant, 3)).status).toBe(201);

    const targets = ['CT1', 'CT2', 'CT3'].map((contactNo) =>
      invitationTarget(place, { partnerNo: 'C10000', contactNo }),
    );
    const saga = [
      ...targets.map((t) => invitationRequested(place, t)),
      inviteAccepted(place, targets[0], PortalRole.CustomerRepresentative),
      inviteAccepted(place, targets[1], PortalRole.AuthorizedUser),
      inviteRevoked(place, targets[2]),
    ];
    await service.publisher.publish(...saga);
    await poolOf(tenant, { purchased: 3, reserved: 0, consumed: 2, available: 1 });
    const lines = await ledger(tenant);
    expect(lines.total).toBe(7);
    expect(lines.items.map((l: { kind: string }) => l.kind).reverse()).toEqual([
      'purchase',
      'reservation',
      'reservation',
      'reservation',
      'consumption',
      'consumption',
      'release',
    ]);
    expect(lines.items[0]).toMatchObject({
      kind: 'release',
      reservedDelta: -1,
      purchased: 3,
      reserved: 0,
      consumed: 2,
      cause: saga[5].eventId,
    });

    // The whole saga again, as a redelivery, then an event that proves the partition was processed past it.
    await service.publisher.publish(
      ...saga,
      invitationRequested(place, invitationTarget(place, { partnerNo: 'C10000', contactNo: 'CT4' })),
    );
    await poolOf(tenant, { purchased: 3, reserved: 1, consumed: 2, available: 0 });
    const after = await ledger(tenant);
    expect(after.total).toBe(8);
    expect(after.items.slice(1)).toEqual(lines.items);
  });

  it('publishes the saga answers with the invitation and the holder', async () => {
    const events = await waitFor(
      () => licensingEvents(service, 50, 2_000),
      (list) => list.filter((e) => e.tenantId === 'tenant-path').length >= 8,
      { what: 'the saga answers' },
    );
    const ofTenant = events
      .filter((e) => e.tenantId === 'tenant-path')
      .map((e) => [e.type, e.payload.reason ?? e.payload.reused ?? '']);
    expect(ofTenant).toEqual([
      ['LicensesPurchased', ''],
      ['LicenseReserved', false],
      ['LicenseReserved', false],
      ['LicenseReserved', false],
      ['LicenseConsumed', ''],
      ['LicenseConsumed', ''],
      ['LicenseReleased', 'invite_revoked'],
      // The released license went to the fourth contact.
      ['LicenseReserved', false],
    ]);
  });

  it('counts one license for one person invited to production and to a sandbox, until both are gone', async () => {
    const tenant = 'tenant-person';
    const production = erpPlace(tenant);
    const sandbox = erpPlace(tenant, { environment: 'sandbox-test', environmentType: 'sandbox' as never });
    await installExtension(service, tenant, [production, sandbox]);
    await buyLicenses(service, tenant, 5);
    const inProduction = invitationTarget(production, {
      partnerNo: 'C10000',
      contactNo: 'CT1',
      email: 'Anna@Fabrikam.example',
    });
    const inSandbox = invitationTarget(sandbox, {
      partnerNo: 'C10000',
      contactNo: 'CT1',
      email: 'anna@fabrikam.example',
    });

    await service.publisher.publish(
      invitationRequested(production, inProduction),
      invitationRequested(sandbox, inSandbox),
    );
    await poolOf(tenant, { purchased: 5, reserved: 1, consumed: 0, available: 4 });
    await service.publisher.publish(inviteAccepted(sandbox, inSandbox, PortalRole.AuthorizedUser));
    await poolOf(tenant, { purchased: 5, reserved: 0, consumed: 1, available: 4 });
    // Revoking the production invitation leaves the sandbox seat holding the license.
    await service.publisher.publish(inviteRevoked(production, inProduction));
    await waitFor(
      () => ledger(tenant),
      (l) => l.total === 3,
      { what: 'no release yet' },
    );
    expect((await overview(tenant)).pool).toEqual({ purchased: 5, reserved: 0, consumed: 1, available: 4 });

    const reserved = (await licensingEvents(service, 100, 2_000)).filter(
      (e) => e.tenantId === tenant && e.type === 'LicenseReserved',
    );
    expect(reserved.map((e) => [e.payload.holderKey, e.payload.reused])).toEqual([
      ['anna@fabrikam.example', false],
      ['anna@fabrikam.example', true],
    ]);
  });

  it('gives the license back when the deactivation arrives before the acceptance it ends (another topic)', async () => {
    const tenant = 'tenant-order';
    const place = erpPlace(tenant);
    await installExtension(service, tenant);
    await buyLicenses(service, tenant, 1);
    const target = invitationTarget(place, { partnerNo: 'C10000', contactNo: 'CT1' });
    await service.publisher.publish(invitationRequested(place, target));
    await poolOf(tenant, { purchased: 1, reserved: 1, consumed: 0, available: 0 });

    const accepted = inviteAccepted(place, target, PortalRole.AuthorizedUser);
    const deactivated = portalUserDeactivated(
      place,
      portalUserRef(place, { membershipId: randomUUID(), partnerNo: 'C10000', contactNo: 'CT1' }),
    );
    await service.publisher.publish(deactivated);
    // Licensing has read the deactivation (and kept it) before the acceptance is even published.
    await waitFor(
      () => service.app.get(DataSource).query(`SELECT 1 FROM ended_seat WHERE tenant_id = $1`, [tenant]),
      (rows) => rows.length === 1,
      { what: 'the early deactivation kept' },
    );
    await service.publisher.publish(accepted);
    await poolOf(tenant, { purchased: 1, reserved: 0, consumed: 0, available: 1 });
    expect((await ledger(tenant)).items.map((l: { kind: string }) => l.kind).reverse()).toEqual([
      'purchase',
      'reservation',
      'consumption',
      'release',
    ]);
  });

  it('rejects with module_inactive where the ERP extension is not installed or the server module is off', async () => {
    const tenant = 'tenant-module';
    const place = erpPlace(tenant);
    const elsewhere = erpPlace(tenant, { companyId: 'NO-EXTENSION' });
    await service.publisher.publish(extensionStatusChanged(place));
    await buyLicenses(service, tenant, 2);
    await service.publisher.publish(
      invitationRequested(elsewhere, invitationTarget(elsewhere, { partnerNo: 'C1', contactNo: 'CT1' })),
    );
    await service.request('PUT', `/internal/tenants/${tenant}/module`, {
      principal: adminOf(tenant),
      body: { active: false },
    });
    await service.publisher.publish(
      invitationRequested(place, invitationTarget(place, { partnerNo: 'C1', contactNo: 'CT2' })),
    );

    const rejections = await waitFor(
      async () =>
        (await licensingEvents(service, 200, 2_000)).filter(
          (e) => e.tenantId === tenant && e.type === 'LicenseReservationRejected',
        ),
      (list) => list.length === 2,
      { what: 'two rejections' },
    );
    expect(rejections.map((e) => e.payload.reason)).toEqual(['module_inactive', 'module_inactive']);
    expect(await overview(tenant)).toMatchObject({
      module: { serverModuleActive: false, extensionInstalled: true },
      pool: { purchased: 2, reserved: 0, available: 2 },
    });
  });
});
