import { FakeSendGrid, startPlatform, waitFor, type RunningPlatform } from '@partner-portal/testing';
import { contactNamed, FaultTenant } from '../src/fault-tenant';
import { recordFigures } from '../src/figures';

const EACH = 8;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Fault 10: SendGrid fails for two minutes: first it answers 500, then it takes sends and never answers (timeouts).
describe('the e-mail provider failing for two minutes', () => {
  const sendgrid = new FakeSendGrid();
  let platform: RunningPlatform;
  const early = Array.from({ length: EACH }, (_, i) => `CT-EARLY${i}`);
  const late = Array.from({ length: EACH }, (_, i) => `CT-LATE${i}`);
  const tenant = new FaultTenant('tenant-email-outage', [...early, ...late].map(contactNamed));
  const emailOf = (contactNo: string) => contactNamed(contactNo).email;

  beforeAll(async () => {
    const baseUrl = await sendgrid.start();
    platform = await startPlatform('email-outage', Object.values(tenant.who), {
      serviceEnv: {
        MAIL_TRANSPORT: 'sendgrid',
        SENDGRID_API_KEY: 'SG.fault-suite-not-a-real-key',
        SENDGRID_BASE_URL: baseUrl,
        MAIL_FROM: 'invitations@cronus.example',
        // Four tries over about 35 s: the early invitations spend their budget inside the outage.
        EMAIL_MAX_ATTEMPTS: '4',
        EMAIL_RETRY_BASE_MS: '5000',
        EMAIL_SEND_LEASE_MS: '20000',
      },
    });
    await tenant.prepare(platform, EACH * 2);
  }, 180_000);
  afterAll(async () => {
    await platform?.stop();
    await sendgrid.stop();
  });

  it('invitations whose tries run out end email_failed, holding their license until revoked; the others are sent once after it recovers; none twice', async () => {
    const startedAt = Date.now();
    sendgrid.status = 500;
    const earlyIds = await tenant.inviteAll(early);
    await pause(60_000);
    // The second minute: SendGrid takes the sends and never answers, so every send times out.
    sendgrid.status = 202;
    sendgrid.holdSends = true;
    const lateIds = await tenant.inviteAll(late);
    await pause(60_000);
    sendgrid.holdSends = false;
    sendgrid.release();

    await waitFor(
      () => tenant.statusesOf([...earlyIds, ...lateIds]),
      (list) => list.every((s) => s === 'invited' || s === 'email_failed'),
      { what: 'every invitation settled', timeoutMs: 240_000, intervalMs: 2_000 },
    );
    // Quiet for a while: a second send still on its way would arrive now.
    await pause(5_000);
    const sendsTo = (contactNo: string) =>
      sendgrid.requests.filter((r) => r.body.personalizations?.[0]?.to?.[0]?.email === emailOf(contactNo));
    const taken = (contactNo: string) => sendsTo(contactNo).filter((r) => r.status < 300).length;
    const final = await tenant.pool();

    expect(await tenant.statusesOf(earlyIds)).toEqual(early.map(() => 'email_failed'));
    expect(early.map((c) => sendsTo(c).length)).toEqual(early.map(() => 4));
    expect(early.map(taken)).toEqual(early.map(() => 0));
    expect(await tenant.statusesOf(lateIds)).toEqual(late.map(() => 'invited'));
    expect(late.map(taken)).toEqual(late.map(() => 1));
    // An e-mail that failed can be resent in one click, so its invitation keeps its license until it is revoked.
    expect(final).toMatchObject({ purchased: EACH * 2, reserved: EACH * 2, consumed: 0, available: 0 });
    for (const id of earlyIds) {
      const revoked = await tenant.call('POST', `/invitations/${id}/revoke`, {
        body: { reason: 'e-mail never arrived' },
      });
      expect(revoked.status).toBe(200);
    }
    const released = await waitFor(
      () => tenant.pool(),
      (p) => p.available === EACH,
      {
        what: 'the failed invitations’ licenses back',
      },
    );
    expect(released).toMatchObject({ purchased: EACH * 2, reserved: EACH, consumed: 0, available: EACH });
    recordFigures(
      'e-mail provider answering 500 for a minute, then timing out for a minute; failed invitations revoked',
      startedAt,
      {
        events: EACH * 2,
        faults: sendgrid.requests.length - late.length,
        lost: late.filter((c) => taken(c) === 0).length,
        doubled: late.reduce((sum, c) => sum + Math.max(0, taken(c) - 1), 0),
        emailFailed: early.length,
        providerLookups: sendgrid.lookups.length,
      },
    );
  }, 600_000);
});
