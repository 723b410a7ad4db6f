import { Topics } from '@partner-portal/contracts';
import {
  invitationMail,
  readTopic,
  startPlatform,
  testAccount,
  tokenOf,
  waitFor,
  type RunningPlatform,
} from '@partner-portal/testing';
import { FaultTenant } from '../src/fault-tenant';
import { recordFigures } from '../src/figures';

// Fault 11: the invitee opens the link in two browsers (or clicks twice) and both accept at the same moment.
describe('one invitation accepted from two browsers at once', () => {
  let platform: RunningPlatform;
  const invitees = Array.from({ length: 5 }, (_, i) => ({
    contactNo: `CT-TWICE${i}`,
    account: testAccount(`twice${i}`, { email: `twice${i}@fabrikam.example` }),
  }));
  const tenant = new FaultTenant(
    'tenant-double-accept',
    invitees.map((i) => ({ contactNo: i.contactNo, name: i.account.name, email: i.account.email })),
  );

  beforeAll(async () => {
    platform = await startPlatform('double-accept', [...Object.values(tenant.who), ...invitees.map((i) => i.account)]);
    await tenant.prepare(platform, 5);
  }, 180_000);
  afterAll(() => platform?.stop());

  it('one acceptance wins, the other is told the invitation was already accepted, and one license is consumed', async () => {
    const startedAt = Date.now();
    const outcomes: number[][] = [];
    for (const invitee of invitees) {
      const created = await waitFor(
        () => tenant.call('POST', '/invitations', { body: tenant.invitationOf(invitee.contactNo) }),
        (r) => r.status === 201,
        { what: `the invitation of ${invitee.contactNo}` },
      );
      await waitFor(
        () => tenant.call('GET', `/invitations/${created.body.invitationId}`),
        (r) => r.body.status === 'invited',
        { what: `${invitee.contactNo}'s e-mail sent` },
      );
      const mail = await invitationMail(platform, invitee.account.email);
      // Two browsers, each signed in on its own; one follows the link, the other types the code.
      const [first, second] = await Promise.all([
        tokenOf(platform, invitee.account),
        tokenOf(platform, invitee.account),
      ]);
      const answers = await Promise.all([
        platform.call('POST', '/api/portal/invitations/accept', { token: first, body: { token: mail.token } }),
        platform.call('POST', '/api/portal/invitations/accept', { token: second, body: { code: mail.code } }),
      ]);
      outcomes.push(answers.map((a) => a.status).sort());
      const refused = answers.find((a) => a.status !== 200)!;
      // Gone: the link and the code did their work once and are over.
      expect(refused).toMatchObject({
        status: 410,
        contentType: expect.stringContaining('application/problem+json'),
        body: { code: 'already_accepted', detail: expect.stringMatching(/already accepted/) },
      });
      const me = await waitFor(
        () => platform.call('GET', '/api/portal/me', { token: first }),
        (r) => r.body.memberships?.length === 1,
        { what: `${invitee.contactNo}'s membership` },
      );
      expect(me.body.memberships).toHaveLength(1);
    }
    expect(outcomes).toEqual(invitees.map(() => [200, 410]));

    const final = await waitFor(
      () => tenant.pool(),
      (p) => p.consumed === 5,
      { what: 'five licenses consumed' },
    );
    expect(final).toMatchObject({ purchased: 5, reserved: 0, consumed: 5, available: 0 });
    const accepted = (
      await readTopic(platform.kafkaBrokers, `${platform.topicPrefix}${Topics.InvitationsEvents}`, {
        count: 1_000,
        timeoutMs: 3_000,
      })
    )
      .map((m) => JSON.parse(m.value!))
      .filter((e) => e.type === 'InviteAccepted');
    expect(accepted).toHaveLength(invitees.length);
    const users = (await tenant.call('GET', '/portal-users?pageSize=100')).body;
    expect(users.total).toBe(invitees.length);
    recordFigures('double accept: 5 invitations each accepted from two browsers at once', startedAt, {
      events: invitees.length * 2,
      faults: invitees.length,
      lost: Math.max(0, invitees.length - accepted.length),
      doubled: Math.max(0, accepted.length - invitees.length) + Math.max(0, final.consumed - invitees.length),
      refusedClearly: outcomes.filter((o) => o[1] === 410).length,
    });
  }, 300_000);
});
