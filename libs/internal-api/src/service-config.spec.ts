import { IsInt, Min } from 'class-validator';
import { loadServiceConfig, ServiceConfig } from './service-config';

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

describe('loadServiceConfig', () => {
  it("applies the service's default port and database and reads its own fields", () => {
    expect({ ...load({ INTERNAL_API_TOKEN: 'sixteen-chars-ok', KAFKA_BROKERS: 'a:1, b:2' }) }).toEqual({
      serviceName: 'example',
      port: 3999,
      host: '127.0.0.1',
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/example_db',
      kafkaBrokers: ['a:1', 'b:2'],
      topicPrefix: '',
      internalApiToken: 'sixteen-chars-ok',
      maxWidgets: 10,
    });
  });

  it('names every bad variable, base and own, in one error', () => {
    expect(() => load({ PORT: '70000', INTERNAL_API_TOKEN: 'short', MAX_WIDGETS: '0' })).toThrow(
      'example configuration is invalid:',
    );
    const message = (() => {
      try {
        load({ PORT: '70000', INTERNAL_API_TOKEN: 'short', MAX_WIDGETS: '0' });
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message.split('\n').slice(1).sort()).toEqual([
      '  INTERNAL_API_TOKEN: internalApiToken must be longer than or equal to 16 characters',
      '  MAX_WIDGETS: maxWidgets must not be less than 1',
      '  PORT: port must not be greater than 65535',
    ]);
  });
});
