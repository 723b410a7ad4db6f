import {
  invitationMail,
  startPlatform,
  testAccount,
  tokenOf,
  waitFor,
  type RunningPlatform,
} from '@partner-portal/testing';
import { FaultTenant } from '../src/fault-tenant';
import { recordFigures } from '../src/figures';

// Fault 12: many administrators' clicks at once against a small pool. The pool is the platform's promise that no
// anchor keeps: never more partner users (or held invitations) than licenses bought.
describe('a license pool under concurrent invitations and reactivations', () => {
  let platform: RunningPlatform;
  const guests = Array.from({ length: 100 }, (_, i) => {
    const n = String(i + 1).padStart(3, '0');
    return { contactNo: `CT-G${n}`, account: testAccount(`guest${n}`, { email: `guest${n}@fabrikam.example` }) };
  });
  const tenant = new FaultTenant(
    'tenant-overbooking',
    guests.map((g) => ({ contactNo: g.contactNo, name: g.account.name, email: g.account.email })),
  );
  const pool = () => tenant.pool();
  const activeUsers = async () =>
    (await tenant.call('GET', '/portal-users?status=active&pageSize=100')).body.total as number;

  beforeAll(async () => {
    platform = await startPlatform('overbooking', [...Object.values(tenant.who), ...guests.map((g) => g.account)]);
    await tenant.prepare(platform, 10);
    await tenant.untilInvitable(
      guests.map((g) => g.contactNo),
      60_000,
    );
  }, 180_000);
  afterAll(() => platform?.stop());

  it('100 concurrent invitations against 10 licenses: 10 sent, 90 refused for want of a license, the pool exact; then a storm of deactivations and reactivations never lets active users past the licenses', async () => {
    const startedAt = Date.now();
    const invite = (contactNo: string) => tenant.call('POST', '/invitations', { body: tenant.invitationOf(contactNo) });
    const created = await Promise.all(guests.map((g) => invite(g.contactNo)));
    expect(created.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
    const settled = await waitFor(
      async () =>
        Promise.all(created.map(async (r) => (await tenant.call('GET', `/invitations/${r.body.invitationId}`)).body)),
      (list) => list.every((i) => i.status !== 'pending_license'),
      { what: 'every invitation answered by licensing', timeoutMs: 120_000, intervalMs: 1_000 },
    );
    const byStatus = (status: string) => settled.filter((i) => i.status === status);
    expect({ invited: byStatus('invited').length, rejected: byStatus('rejected').length }).toEqual({
      invited: 10,
      rejected: 90,
    });
    expect(await pool()).toMatchObject({ purchased: 10, reserved: 10, consumed: 0, available: 0 });

    // The ten accept; then five step out, and five more are invited and hold the five licenses that freed.
    const winners = guests.filter((g) => byStatus('invited').some((i) => i.contactNo === g.contactNo));
    const members: string[] = [];
    for (const guest of winners) {
      const mail = await invitationMail(platform, guest.account.email);
      const token = await tokenOf(platform, guest.account);
      const accepted = await platform.call('POST', '/api/portal/invitations/accept', {
        token,
        body: { code: mail.code },
      });
      expect(accepted.status).toBe(200);
      const me = await waitFor(
        () => platform.call('GET', '/api/portal/me', { token }),
        (r) => r.body.memberships?.length === 1,
        { what: `${guest.account.username}'s membership` },
      );
      members.push(me.body.memberships[0].membershipId);
    }
    await waitFor(pool, (p) => p.consumed === 10, { what: 'ten licenses consumed' });
    for (const id of members.slice(0, 5)) {
      expect((await tenant.call('POST', `/portal-users/${id}/deactivate`)).status).toBe(200);
    }
    await waitFor(pool, (p) => p.consumed === 5 && p.available === 5, { what: 'five licenses back' });
    const latecomers = guests.filter((g) => !winners.includes(g)).slice(0, 5);
    const late = await Promise.all(latecomers.map((g) => invite(g.contactNo)));
    await waitFor(pool, (p) => p.reserved === 5 && p.available === 0, { what: 'five licenses held again' });

    // The storm: 100 calls at once, each a deactivation or reactivation of one of the ten users.
    let highest = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const p = await pool();
        highest = Math.max(highest, p.consumed + p.reserved);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const storm = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        tenant.call('POST', `/portal-users/${members[i % 10]}/${(i * 7) % 3 === 0 ? 'deactivate' : 'reactivate'}`),
      ),
    );
    const answered = storm.filter((r) => r.status === 200 || r.status === 409).length;
    const users = await waitFor(
      async () =>
        (await tenant.call('GET', `/portal-users?pageSize=100`)).body.items as Array<{
          status: string;
        }>,
      (items) => items.every((u) => u.status !== 'reactivating'),
      { what: 'every reactivation answered by licensing', timeoutMs: 120_000, intervalMs: 1_000 },
    );
    sampling = false;
    await sampler;
    const active = users.filter((u) => u.status === 'active').length;
    const final = await waitFor(pool, (p) => p.consumed === active, {
      what: `the pool agreeing with the users: ${JSON.stringify(users.map((u) => [u.status, (u as any).deactivationReason, (u as any).reactivationRefusal]))} after ${JSON.stringify(storm.map((r) => (r.status === 200 ? r.body.status : r.body.code)))}`,
    });

    expect(answered).toBe(100);
    expect(highest).toBeLessThanOrEqual(10);
    expect(await activeUsers()).toBe(active);
    expect(final).toMatchObject({ purchased: 10, reserved: 5, available: 5 - active });
    expect(active).toBeLessThanOrEqual(5);
    expect(late.every((r) => r.status === 201)).toBe(true);
    recordFigures('overbooking: 100 invitations and 100 (de)activations against 10 licenses', startedAt, {
      events: 200,
      faults: 200,
      lost: 0,
      doubled: Math.max(0, highest - 10),
      invited: 10,
      refused: 90,
      activeAfterStorm: active,
      highestLicensesInUse: highest,
    });
  }, 600_000);
});
