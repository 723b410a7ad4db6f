import { loadPartnerIdentityConfig } from './partner-identity.config';

describe('loadPartnerIdentityConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadPartnerIdentityConfig({
      GATEWAY_API_TOKEN: 'a-long-enough-gateway-secret',
      OPERATOR_API_TOKEN: 'a-long-enough-operator-secret',
    });
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
    const bad = { PORT: 'eighty', DATABASE_URL: 'mysql://x', ADMIN_RECOGNITION: 'vibes' };
    expect(() => loadPartnerIdentityConfig(bad)).toThrow('partner-identity configuration is invalid');
    let message = '';
    try {
      loadPartnerIdentityConfig(bad);
    } catch (error) {
      message = (error as Error).message;
    }
    for (const variable of ['PORT', 'DATABASE_URL', 'GATEWAY_API_TOKEN', 'OPERATOR_API_TOKEN', 'ADMIN_RECOGNITION']) {
      expect(message).toMatch(new RegExp(`^ {2}${variable}: `, 'm'));
    }
  });
});
