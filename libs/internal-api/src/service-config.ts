import { plainToInstance } from 'class-transformer';
import {
  ArrayMinSize,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { kafkaSecurityProblems, toFieldErrors } from '@partner-portal/contracts';
import { LOG_LEVELS, type LogLevel } from '@partner-portal/logging';

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

  /**
   * GATEWAY_API_TOKEN: the gateway's credential at the services' internal routes (header x-internal-token); the
   * gateway sends it, every service accepts it on all but the operator routes. A secret.
   */
  @IsString()
  @MinLength(16)
  gatewayApiToken!: string;

  /** LOG_LEVEL: the least severe log level written (docs/observability.md); default `info`. */
  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  logLevel!: LogLevel;
}

/** What every service with a database of its own is configured with; a service extends it with its own fields. */
export class ServiceConfig extends BaseConfig {
  /** DATABASE_URL: the service's own database. */
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  databaseUrl!: string;

  /**
   * OPERATOR_API_TOKEN: operators' credential at /internal/operator/* and /internal/dev/* (header x-internal-token),
   * which the gateway's does not open. A secret, different from GATEWAY_API_TOKEN; the gateway never has it.
   */
  @IsString()
  @MinLength(16)
  operatorApiToken!: string;

  /** GATEWAY_API_TOKEN_PREVIOUS: accepted beside GATEWAY_API_TOKEN while a rotation rolls out (docs/gateway.md). */
  @IsOptional()
  @IsString()
  @MinLength(16)
  gatewayApiTokenPrevious?: string;

  /** OPERATOR_API_TOKEN_PREVIOUS: accepted beside OPERATOR_API_TOKEN while a rotation rolls out. */
  @IsOptional()
  @IsString()
  @MinLength(16)
  operatorApiTokenPrevious?: string;
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
    gatewayApiToken: ['GATEWAY_API_TOKEN', env.GATEWAY_API_TOKEN],
    logLevel: ['LOG_LEVEL', env.LOG_LEVEL || 'info'],
  };
}

/** A comma-separated variable as a list (blanks dropped); the fallback when it is not set at all. */
export function listVariable(value: string | undefined, fallback: string[] = []): string[] {
  return value === undefined
    ? fallback
    : value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);
}

/** The variable of the one credential that every caller shared before each had its own; no longer read. */
export const RETIRED_TOKEN_VARIABLE = 'INTERNAL_API_TOKEN';

/**
 * What no single variable's validation sees: the retired shared credential given instead of the callers' own, and one
 * secret given to both callers (the gateway's would then open the operator routes).
 */
function credentialProblems(env: NodeJS.ProcessEnv, settings: Record<string, [string, unknown]>): string[] {
  const credentials = ['gatewayApiToken', 'operatorApiToken'].filter((field) => field in settings);
  const variables = credentials.map((field) => settings[field][0]);
  const problems: string[] = [];
  if (env[RETIRED_TOKEN_VARIABLE] && variables.some((variable) => !env[variable])) {
    problems.push(
      `  ${RETIRED_TOKEN_VARIABLE}: is no longer read; set ${variables.join(' and ')} instead (each caller has its own credential)`,
    );
  }
  const valuesOf = (fields: string[]) =>
    fields.filter((field) => field in settings && settings[field][1] !== undefined).map((f) => settings[f][1]);
  const gateway = valuesOf(['gatewayApiToken', 'gatewayApiTokenPrevious']);
  if (valuesOf(['operatorApiToken', 'operatorApiTokenPrevious']).some((value) => gateway.includes(value))) {
    problems.push(
      '  OPERATOR_API_TOKEN: must differ from GATEWAY_API_TOKEN, current and previous (the gateway must not open operator routes)',
    );
  }
  return problems;
}

/** Validates settings into a configuration; throws one error naming every bad variable. */
function validated<T extends object>(
  type: new () => T,
  name: string,
  settings: Record<string, [string, unknown]>,
  env: NodeJS.ProcessEnv,
): T {
  const config = plainToInstance(type, Object.fromEntries(Object.entries(settings).map(([k, [, v]]) => [k, v])));
  const errors = toFieldErrors(validateSync(config));
  const lines = [
    ...credentialProblems(env, settings),
    // KAFKA_SASL_* and KAFKA_SSL*: read again by every Kafka client (createKafka); checked here so a bad one stops the boot.
    ...kafkaSecurityProblems(env),
    ...errors.map((e) => `  ${settings[e.field.split(/[.[]/)[0]]?.[0] ?? e.field}: ${e.reason}`),
  ];
  if (lines.length > 0) throw new Error(`${name} configuration is invalid:\n${lines.join('\n')}`);
  return config;
}

/** Like `loadServiceConfig`, for a process without a database of its own (the gateway). */
export function loadBaseConfig<T extends BaseConfig>(
  type: new () => T,
  env: NodeJS.ProcessEnv,
  service: { name: string; port: number },
  own: OwnSettings<T, BaseConfig>,
): T {
  return validated(
    type,
    service.name,
    { ...baseSettings(env, service.name, service.port), ...(own as Record<string, [string, unknown]>) },
    env,
  );
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
  return validated(
    type,
    service.name,
    {
      ...baseSettings(env, service.name, service.port),
      databaseUrl: ['DATABASE_URL', env.DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/${service.database}`],
      operatorApiToken: ['OPERATOR_API_TOKEN', env.OPERATOR_API_TOKEN],
      gatewayApiTokenPrevious: ['GATEWAY_API_TOKEN_PREVIOUS', env.GATEWAY_API_TOKEN_PREVIOUS || undefined],
      operatorApiTokenPrevious: ['OPERATOR_API_TOKEN_PREVIOUS', env.OPERATOR_API_TOKEN_PREVIOUS || undefined],
      ...(own as Record<string, [string, unknown]>),
    },
    env,
  );
}
