import { IsInt, Min } from 'class-validator';
import { BaseConfig, loadBaseConfig, loadServiceConfig, ServiceConfig } from './service-config';

class ExampleConfig extends ServiceConfig {
  @IsInt()
  @Min(1)
  maxWidgets!: number;
}

const load = (env: NodeJS.ProcessEnv) =>
  loadServiceConfig(
    ExampleConfig,
    env,
    { name: 'example', port: 3999, database: 'example_db' },
    {
      maxWidgets: ['MAX_WIDGETS', Number(env.MAX_WIDGETS ?? 10)],
    },
  );

const credentials = { GATEWAY_API_TOKEN: 'gateway-sixteen-chars', OPERATOR_API_TOKEN: 'operator-sixteen-chars' };

/** The lines of the error a configuration is refused with, sorted, or [] if it is accepted. */
function refusal(loader: () => unknown): string[] {
  try {
    loader();
    return [];
  } catch (error) {
    return (error as Error).message.split('\n').slice(1).sort();
  }
}

describe('loadServiceConfig', () => {
  it("applies the service's default port and database and reads its own fields", () => {
    expect({ ...load({ ...credentials, KAFKA_BROKERS: 'a:1, b:2' }) }).toEqual({
      serviceName: 'example',
      port: 3999,
      host: '127.0.0.1',
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/example_db',
      kafkaBrokers: ['a:1', 'b:2'],
      topicPrefix: '',
      gatewayApiToken: 'gateway-sixteen-chars',
      operatorApiToken: 'operator-sixteen-chars',
      logLevel: 'info',
      maxWidgets: 10,
    });
  });

  it('reads LOG_LEVEL, and refuses one that names no level, listing those it takes', () => {
    expect(load({ ...credentials, LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
    expect(refusal(() => load({ ...credentials, LOG_LEVEL: 'verbose' }))).toEqual([
      '  LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent',
    ]);
  });

  it('names every bad variable, base and own, in one error', () => {
    const bad = { PORT: '70000', GATEWAY_API_TOKEN: 'short', OPERATOR_API_TOKEN: 'short', MAX_WIDGETS: '0' };
    expect(() => load(bad)).toThrow('example configuration is invalid:');
    expect(refusal(() => load(bad))).toEqual([
      '  GATEWAY_API_TOKEN: gatewayApiToken must be longer than or equal to 16 characters',
      '  MAX_WIDGETS: maxWidgets must not be less than 1',
      '  OPERATOR_API_TOKEN: must differ from GATEWAY_API_TOKEN, current and previous (the gateway must not open operator routes)',
      '  OPERATOR_API_TOKEN: operatorApiToken must be longer than or equal to 16 characters',
      '  PORT: port must not be greater than 65535',
    ]);
  });

  it('refuses to start on the retired INTERNAL_API_TOKEN alone, saying which variables replace it', () => {
    expect(refusal(() => load({ INTERNAL_API_TOKEN: 'the-old-shared-secret' }))).toContain(
      '  INTERNAL_API_TOKEN: is no longer read; set GATEWAY_API_TOKEN and OPERATOR_API_TOKEN instead (each caller has its own credential)',
    );
    expect(
      refusal(() => load({ INTERNAL_API_TOKEN: 'the-old-shared-secret', GATEWAY_API_TOKEN: 'gateway-sixteen-chars' })),
    ).toEqual(expect.arrayContaining([expect.stringMatching(/^ {2}INTERNAL_API_TOKEN: is no longer read/)]));
  });

  it('starts when the retired variable is still set beside both new ones (it is ignored)', () => {
    expect(load({ ...credentials, INTERNAL_API_TOKEN: 'the-old-shared-secret' })).toMatchObject({
      gatewayApiToken: 'gateway-sixteen-chars',
      operatorApiToken: 'operator-sixteen-chars',
    });
  });

  it("refuses one secret for both callers, since the gateway's credential would then open the operator routes", () => {
    const same = 'one-secret-for-everyone';
    expect(refusal(() => load({ GATEWAY_API_TOKEN: same, OPERATOR_API_TOKEN: same }))).toEqual([
      '  OPERATOR_API_TOKEN: must differ from GATEWAY_API_TOKEN, current and previous (the gateway must not open operator routes)',
    ]);
  });

  it('takes the previous value of each credential while a rotation rolls out, never one the other caller has', () => {
    const rolling = {
      ...credentials,
      GATEWAY_API_TOKEN_PREVIOUS: 'gateway-last-months',
      OPERATOR_API_TOKEN_PREVIOUS: 'operator-last-months',
    };
    expect(load(rolling)).toMatchObject({
      gatewayApiTokenPrevious: 'gateway-last-months',
      operatorApiTokenPrevious: 'operator-last-months',
    });
    expect(refusal(() => load({ ...credentials, OPERATOR_API_TOKEN_PREVIOUS: 'gateway-sixteen-chars' }))).toEqual([
      '  OPERATOR_API_TOKEN: must differ from GATEWAY_API_TOKEN, current and previous (the gateway must not open operator routes)',
    ]);
    expect(refusal(() => load({ ...credentials, GATEWAY_API_TOKEN_PREVIOUS: 'short' }))).toEqual([
      '  GATEWAY_API_TOKEN_PREVIOUS: gatewayApiTokenPrevious must be longer than or equal to 16 characters',
    ]);
  });
});

describe('Kafka authentication in the service configuration', () => {
  it('refuses a SASL mechanism without credentials, naming the missing variables', () => {
    // given a service told to authenticate with SCRAM-SHA-512 but given no username or password
    // when it loads its configuration
    // then it refuses to start, saying which variables are needed
    expect(refusal(() => load({ ...credentials, KAFKA_SASL_MECHANISM: 'scram-sha-512' }))).toEqual([
      '  KAFKA_SASL_PASSWORD: is required when KAFKA_SASL_MECHANISM is set',
      '  KAFKA_SASL_USERNAME: is required when KAFKA_SASL_MECHANISM is set',
    ]);
  });

  it('starts with complete SCRAM credentials, and as before without any', () => {
    const sasl = { KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'example', KAFKA_SASL_PASSWORD: 'pw' };
    expect(refusal(() => load({ ...credentials, ...sasl }))).toEqual([]);
    expect(refusal(() => load({ ...credentials }))).toEqual([]);
  });
});

describe('loadBaseConfig (a process without a database: the gateway)', () => {
  const loadBase = (env: NodeJS.ProcessEnv) => loadBaseConfig(BaseConfig, env, { name: 'caller', port: 3998 }, {});

  it("needs only the gateway's credential, never the operators'", () => {
    expect(loadBase({ GATEWAY_API_TOKEN: 'gateway-sixteen-chars' })).toMatchObject({
      gatewayApiToken: 'gateway-sixteen-chars',
    });
    expect(loadBase({ GATEWAY_API_TOKEN: 'gateway-sixteen-chars' })).not.toHaveProperty('operatorApiToken');
  });

  it('refuses the retired INTERNAL_API_TOKEN alone, naming GATEWAY_API_TOKEN', () => {
    expect(refusal(() => loadBase({ INTERNAL_API_TOKEN: 'the-old-shared-secret' }))).toContain(
      '  INTERNAL_API_TOKEN: is no longer read; set GATEWAY_API_TOKEN instead (each caller has its own credential)',
    );
  });
});
