import { Topics } from '@partner-portal/contracts';
import {
  adminOf,
  companyUpserted,
  contactUpserted,
  erpPlace,
  FakeSendGrid,
  licenseReserved,
  partnerUpserted,
  readTopic,
  type ServiceUnderTest,
  waitFor,
} from '@partner-portal/testing';

import { startService } from './invitations.harness';

describe('invitation e-mails through SendGrid', () => {
  const sendgrid = new FakeSendGrid();
  let service: ServiceUnderTest;
  const tenant = 'tenant-mail';
  const place = erpPlace(tenant);
  const admin = adminOf(tenant);

  beforeAll(async () => {
    const baseUrl = await sendgrid.start();
    service = await startService('sendgrid', {
      MAIL_TRANSPORT: 'sendgrid',
      SENDGRID_API_KEY: 'SG.test-key-not-a-real-one',
      SENDGRID_BASE_URL: baseUrl,
      MAIL_FROM: 'invitations@cronus.example',
      EMAIL_MAX_ATTEMPTS: '2',
    });
    await service.publisher.publish(
      companyUpserted(place, 'CRONUS Nederland BV'),
      partnerUpserted(place, { partnerNo: 'C10000', name: 'Fabrikam Retail', languageCode: 'nl' }),
      contactUpserted(place, {
        partnerNo: 'C10000',
        contactNo: 'CT1',
        name: 'Anna de Vries',
        email: 'anna@fabrikam.example',
        languageCode: 'nl',
      }),
      contactUpserted(place, {
        partnerNo: 'C10000',
        contactNo: 'CT2',
        name: 'Bram Jansen',
        email: 'bram@fabrikam.example',
      }),
    );
  });
  afterAll(async () => {
    await service.stop();
    await sendgrid.stop();
  });

  async function invite(contactNo: string) {
    const created = await waitFor(
      () =>
        service.request('POST', `/internal/tenants/${tenant}/invitations`, {
          principal: admin,
          body: {
            environment: 'production',
            companyId: 'CRONUS',
            partnerType: 'customer',
            partnerNo: 'C10000',
            contactNo,
            role: 'authorized_user',
            inviterName: 'Olga Admin',
          },
        }),
      (r) => r.status === 201,
      { what: `the invitation of ${contactNo}` },
    );
    return created.body;
  }

  it('has no development mailbox: links and codes are nowhere to read but in the e-mail', async () => {
    expect((await service.request('GET', '/internal/dev/mail')).status).toBe(404);
  });

  it('sends the exact v3 request: recipient, sender, subject, both bodies and the invitation id', async () => {
    const invitation = await invite('CT1');
    await service.publisher.publish(licenseReserved(tenant, invitation.invitationId, 'anna@fabrikam.example'));
    await waitFor(
      () => sendgrid.requests.length,
      (n) => n === 1,
      { what: 'one SendGrid request' },
    );

    const [request] = sendgrid.requests;
    expect(request.path).toBe('/v3/mail/send');
    expect(request.authorization).toBe('Bearer SG.test-key-not-a-real-one');
    expect(request.body.personalizations).toEqual([{ to: [{ email: 'anna@fabrikam.example' }] }]);
    expect(request.body.from).toEqual({ email: 'invitations@cronus.example' });
    expect(request.body.subject).toBe('Olga Admin nodigt u uit voor het partnerportaal van CRONUS Nederland BV');
    const [text, html] = request.body.content;
    expect(text.type).toBe('text/plain');
    expect(text.value).toContain('Beste Anna de Vries');
    expect(text.value).toMatch(/https:\/\/portal\.example\.test\/invitations\/accept\?token=[A-Za-z0-9_-]{43}/);
    expect(text.value).toMatch(/^ {4}[A-Z2-9]{5}-[A-Z2-9]{5}$/m);
    expect(html.type).toBe('text/html');
    expect(html.value).toContain('<p>Beste Anna de Vries,</p>');
    expect(request.body.custom_args).toMatchObject({ invitationId: invitation.invitationId, tenantId: tenant });

    const events = await waitFor(
      async () =>
        (
          await readTopic(service.env.kafkaBrokers, `${service.env.topicPrefix}${Topics.InvitationsEvents}`, {
            count: 10,
            timeoutMs: 2_000,
          })
        ).map((m) => JSON.parse(m.value!)),
      (list) => list.some((e) => e.type === 'ContactInvited'),
      { what: 'ContactInvited' },
    );
    expect(events.map((e) => e.type)).toEqual(['InvitationRequested', 'ContactInvited']);
    expect(
      (
        await service.request('GET', `/internal/tenants/${tenant}/invitations/${invitation.invitationId}`, {
          principal: admin,
        })
      ).body,
    ).toMatchObject({
      status: 'invited',
      resendCount: 0,
    });
  });

  it('marks the invitation email_failed after the last try, and a resend sends it again', async () => {
    sendgrid.status = 503;
    const invitation = await invite('CT2');
    await service.publisher.publish(licenseReserved(tenant, invitation.invitationId, 'bram@fabrikam.example'));
    const path = `/internal/tenants/${tenant}/invitations/${invitation.invitationId}`;
    await service.eventually(path, admin, (b) => b.status === 'email_failed', 'email_failed');
    const failed = await waitFor(
      async () =>
        (
          await readTopic(service.env.kafkaBrokers, `${service.env.topicPrefix}${Topics.InvitationsEvents}`, {
            count: 20,
            timeoutMs: 2_000,
          })
        ).map((m) => JSON.parse(m.value!)),
      (list) => list.some((e) => e.type === 'InvitationEmailFailed'),
      { what: 'InvitationEmailFailed' },
    );
    expect(failed.find((e) => e.type === 'InvitationEmailFailed').payload).toMatchObject({
      invitationId: invitation.invitationId,
      attempts: 2,
      error: expect.stringContaining('Service Unavailable'),
    });

    sendgrid.status = 202;
    const before = sendgrid.requests.length;
    const resent = await service.request('POST', `${path}/resend`, { principal: admin });
    expect(resent.body).toMatchObject({ status: 'invited', resendCount: 1 });
    await waitFor(
      () => sendgrid.requests.length,
      (n) => n === before + 1,
      { what: 'the resent e-mail' },
    );
    expect(sendgrid.requests.at(-1)!.body.personalizations[0].to[0].email).toBe('bram@fabrikam.example');
  });
});
