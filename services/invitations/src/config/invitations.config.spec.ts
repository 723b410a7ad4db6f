import { loadInvitationsConfig } from './invitations.config';

const secrets = {
  GATEWAY_API_TOKEN: 'a-long-enough-gateway-secret',
  OPERATOR_API_TOKEN: 'a-long-enough-operator-secret',
  INVITATION_CODE_PEPPER: 'a-pepper-of-at-least-thirty-two-characters',
  EMAIL_PAYLOAD_KEY: Buffer.alloc(32, 1).toString('base64'),
};

function refusal(env: NodeJS.ProcessEnv): string {
  try {
    loadInvitationsConfig(env);
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}

describe('loadInvitationsConfig: how e-mails leave', () => {
  it('refuses to start without a chosen transport, rather than writing links and codes to a folder', () => {
    expect(refusal(secrets)).toMatch(/^ {2}MAIL_TRANSPORT: .*sendgrid or development/m);
    expect(refusal({ ...secrets, MAIL_TRANSPORT: 'smtp' })).toMatch(/^ {2}MAIL_TRANSPORT: /m);
  });

  it('needs the SendGrid key with SendGrid, and no key with the development mailbox', () => {
    expect(refusal({ ...secrets, MAIL_TRANSPORT: 'sendgrid' })).toMatch(
      /^ {2}SENDGRID_API_KEY: .*required with MAIL_TRANSPORT=sendgrid/m,
    );
    expect(
      loadInvitationsConfig({ ...secrets, MAIL_TRANSPORT: 'sendgrid', SENDGRID_API_KEY: 'SG.0123456789' }),
    ).toMatchObject({ mailTransport: 'sendgrid', sendgridApiKey: 'SG.0123456789' });
    expect(loadInvitationsConfig({ ...secrets, MAIL_TRANSPORT: 'development' }).mailTransport).toBe('development');
  });
});
