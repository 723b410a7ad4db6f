import { loadPartnerIdentityConfig } from './partner-identity.config';

describe('loadPartnerIdentityConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadPartnerIdentityConfig({ INTERNAL_API_TOKEN: 'a-long-enough-secret' });
    expect(config).toMatchObject({
      port: 3101,
      host: '127.0.0.1',
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/partner_identity',
      kafkaBrokers: ['127.0.0.1:9092'],
      topicPrefix: '',
      adminRecognition: 'both',
    });
  });

  it('fails at boot naming every bad variable', () => {
    expect(() =>
      loadPartnerIdentityConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', ADMIN_RECOGNITION: 'vibes' }),
    ).toThrow(/PORT: .*\n.*DATABASE_URL: must be a postgres:\/\/ URL\n.*INTERNAL_API_TOKEN: .*\n.*ADMIN_RECOGNITION/s);
  });
});
