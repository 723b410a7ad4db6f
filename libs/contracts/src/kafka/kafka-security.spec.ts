import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkaSecurityEnv, kafkaSecurityProblems, readKafkaSecurity } from './kafka-security';

describe('readKafkaSecurity', () => {
  it('gives nothing when no variable is set, so clients connect as before', () => {
    expect(readKafkaSecurity({})).toEqual({});
    expect(readKafkaSecurity({ KAFKA_SASL_MECHANISM: '', KAFKA_SSL: '' })).toEqual({});
  });

  it('reads SCRAM credentials, whatever the case of the mechanism', () => {
    // given a service configured for SCRAM-SHA-512
    const env = {
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: 'invitations',
      KAFKA_SASL_PASSWORD: 's3',
    };
    // when the settings are read
    const security = readKafkaSecurity(env);
    // then kafkajs gets its mechanism name and the credentials
    expect(security).toEqual({ sasl: { mechanism: 'scram-sha-512', username: 'invitations', password: 's3' } });
    expect(readKafkaSecurity(kafkaSecurityEnv(security))).toEqual(security);
  });

  it('refuses a mechanism without credentials, naming each missing variable', () => {
    // given a mechanism but no username or password
    // when the settings are read
    // then it refuses, naming both variables
    expect(() => readKafkaSecurity({ KAFKA_SASL_MECHANISM: 'scram-sha-512' })).toThrow(
      /KAFKA_SASL_USERNAME: is required when KAFKA_SASL_MECHANISM is set[\s\S]*KAFKA_SASL_PASSWORD: is required/,
    );
  });

  it('refuses an unknown mechanism, credentials without a mechanism and a malformed KAFKA_SSL', () => {
    expect(
      kafkaSecurityProblems({ KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_USERNAME: 'a', KAFKA_SASL_PASSWORD: 'b' }),
    ).toEqual(['  KAFKA_SASL_MECHANISM: must be one of scram-sha-512, scram-sha-256, plain']);
    expect(kafkaSecurityProblems({ KAFKA_SASL_PASSWORD: 'b' })).toEqual([
      '  KAFKA_SASL_PASSWORD: is set but KAFKA_SASL_MECHANISM is not (set it to scram-sha-512)',
    ]);
    expect(kafkaSecurityProblems({ KAFKA_SSL: 'yes' })).toEqual(['  KAFKA_SSL: must be true or false']);
  });

  it('turns TLS on with the default authorities, or with the CA file given', () => {
    // given a CA file
    const caFile = join(mkdtempSync(join(tmpdir(), 'kafka-ca-')), 'ca.pem');
    writeFileSync(caFile, 'PEM');
    // when TLS is turned on with and without it
    // then kafkajs gets `ssl: true` or the CA
    expect(readKafkaSecurity({ KAFKA_SSL: 'true' })).toEqual({ ssl: true });
    expect(readKafkaSecurity({ KAFKA_SSL: 'false' })).toEqual({});
    expect(readKafkaSecurity({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: caFile })).toEqual({ ssl: { ca: ['PEM'] } });
    expect(() => readKafkaSecurity({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: `${caFile}.missing` })).toThrow(
      /KAFKA_SSL_CA_FILE: cannot be read/,
    );
  });
});
