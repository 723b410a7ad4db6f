import { plainToInstance } from 'class-transformer';
import { ArrayMinSize, IsInt, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { toFieldErrors } from '@partner-portal/contracts';

/** What every process of the platform is configured with, with or without a database of its own. */
export class BaseConfig {
  /** The service's name (not a variable): labels its logs and metrics. */
  @IsString()
  @MinLength(1)
  serviceName!: string;

  /** PORT: HTTP port of the internal API. */
  @IsInt()
  @Min(0)
  @Max(65_535)
  port!: number;

  /** HOST: interface the HTTP server binds (127.0.0.1 unless a container needs 0.0.0.0). */
  @IsString()
  @MinLength(1)
  host!: string;

  /** KAFKA_BROKERS: comma-separated host:port list. */
  @ArrayMinSize(1)
  @IsString({ each: true })
  kafkaBrokers!: string[];

  /** KAFKA_TOPIC_PREFIX: prefix of every topic and consumer group name; empty except in tests. */
  @IsString()
  topicPrefix!: string;

  /** INTERNAL_API_TOKEN: the credential the gateway presents (header x-internal-token). A secret. */
  @IsString()
  @MinLength(16)
  internalApiToken!: string;
}

/** What every service with a database of its own is configured with; a service extends it with its own fields. */
export class ServiceConfig extends BaseConfig {
  /** DATABASE_URL: the service's own database. */
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  databaseUrl!: string;
}

/** A configuration's own fields: each with its environment variable and the value read (defaults applied). */
export type OwnSettings<T extends BaseConfig, Base extends BaseConfig = ServiceConfig> = {
  [K in Exclude<keyof T, keyof Base>]: [variable: string, value: unknown];
};

function baseSettings(env: NodeJS.ProcessEnv, name: string, port: number): Record<keyof BaseConfig, [string, unknown]> {
  return {
    serviceName: ['(service name)', name],
    port: ['PORT', Number(env.PORT ?? port)],
    host: ['HOST', env.HOST ?? '127.0.0.1'],
    kafkaBrokers: [
      'KAFKA_BROKERS',
      (env.KAFKA_BROKERS ?? '127.0.0.1:9092')
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean),
    ],
    topicPrefix: ['KAFKA_TOPIC_PREFIX', env.KAFKA_TOPIC_PREFIX ?? ''],
    internalApiToken: ['INTERNAL_API_TOKEN', env.INTERNAL_API_TOKEN],
  };
}

/** Validates settings into a configuration; throws one error naming every bad variable. */
function validated<T extends object>(type: new () => T, name: string, settings: Record<string, [string, unknown]>): T {
  const config = plainToInstance(type, Object.fromEntries(Object.entries(settings).map(([k, [, v]]) => [k, v])));
  const errors = toFieldErrors(validateSync(config));
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${settings[e.field.split(/[.[]/)[0]]?.[0] ?? e.field}: ${e.reason}`);
    throw new Error(`${name} configuration is invalid:\n${lines.join('\n')}`);
  }
  return config;
}

/** Like `loadServiceConfig`, for a process without a database of its own (the gateway). */
export function loadBaseConfig<T extends BaseConfig>(
  type: new () => T,
  env: NodeJS.ProcessEnv,
  service: { name: string; port: number },
  own: OwnSettings<T, BaseConfig>,
): T {
  return validated(type, service.name, {
    ...baseSettings(env, service.name, service.port),
    ...(own as Record<string, [string, unknown]>),
  });
}

/**
 * Reads the base variables (with the service's default port and database) plus the service's own, validates
 * them, and throws one error naming every bad variable, so that a misconfigured service stops at boot.
 */
export function loadServiceConfig<T extends ServiceConfig>(
  type: new () => T,
  env: NodeJS.ProcessEnv,
  service: { name: string; port: number; database: string },
  own: OwnSettings<T>,
): T {
  return validated(type, service.name, {
    ...baseSettings(env, service.name, service.port),
    databaseUrl: ['DATABASE_URL', env.DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/${service.database}`],
    ...(own as Record<string, [string, unknown]>),
  });
}
