import { plainToInstance } from 'class-transformer';
import { ArrayMinSize, IsIn, IsInt, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { toFieldErrors } from '@partner-portal/contracts';

/** How tenant administrators are recognised (docs/partner-identity.md). */
export type AdminRecognition = 'claim' | 'list' | 'both';

/** The service's whole configuration, loaded once at boot from environment variables. */
export class PartnerIdentityConfig {
  /** PORT: HTTP port of the internal API. */
  @IsInt()
  @Min(0)
  @Max(65_535)
  port!: number;

  /** HOST: interface the HTTP server binds (127.0.0.1 unless a container needs 0.0.0.0). */
  @IsString()
  @MinLength(1)
  host!: string;

  /** DATABASE_URL: the service's own database. */
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  databaseUrl!: string;

  /** KAFKA_BROKERS: comma-separated host:port list. */
  @ArrayMinSize(1)
  @IsString({ each: true })
  kafkaBrokers!: string[];

  /** KAFKA_TOPIC_PREFIX: prefix of every topic name; empty except in tests. */
  @IsString()
  topicPrefix!: string;

  /** INTERNAL_API_TOKEN: the credential the gateway presents (header x-internal-token). A secret. */
  @IsString()
  @MinLength(16)
  internalApiToken!: string;

  /** ADMIN_RECOGNITION: `claim`, `list` or `both`. */
  @IsIn(['claim', 'list', 'both'])
  adminRecognition!: AdminRecognition;

  /** ADMIN_ROLE: the value of the token's `roles` claim that marks a tenant administrator. */
  @IsString()
  @MinLength(1)
  adminRole!: string;

  /** ADMIN_TENANT_CLAIM: the token claim that names the administrator's portal tenant. */
  @IsString()
  @MinLength(1)
  adminTenantClaim!: string;
}

/** Environment variable of each configuration field, for error messages. */
const VARIABLES: Record<keyof PartnerIdentityConfig, string> = {
  port: 'PORT',
  host: 'HOST',
  databaseUrl: 'DATABASE_URL',
  kafkaBrokers: 'KAFKA_BROKERS',
  topicPrefix: 'KAFKA_TOPIC_PREFIX',
  internalApiToken: 'INTERNAL_API_TOKEN',
  adminRecognition: 'ADMIN_RECOGNITION',
  adminRole: 'ADMIN_ROLE',
  adminTenantClaim: 'ADMIN_TENANT_CLAIM',
};

/** Reads and validates the configuration; throws one error naming every bad variable. */
export function loadPartnerIdentityConfig(env: NodeJS.ProcessEnv = process.env): PartnerIdentityConfig {
  const config = plainToInstance(PartnerIdentityConfig, {
    port: Number(env.PORT ?? 3101),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/partner_identity',
    kafkaBrokers: (env.KAFKA_BROKERS ?? '127.0.0.1:9092')
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean),
    topicPrefix: env.KAFKA_TOPIC_PREFIX ?? '',
    internalApiToken: env.INTERNAL_API_TOKEN,
    adminRecognition: env.ADMIN_RECOGNITION ?? 'both',
    adminRole: env.ADMIN_ROLE ?? 'PartnerPortal.Administrator',
    adminTenantClaim: env.ADMIN_TENANT_CLAIM ?? 'partner_portal_tenant',
  });
  const errors = toFieldErrors(validateSync(config));
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${VARIABLES[e.field as keyof PartnerIdentityConfig] ?? e.field}: ${e.reason}`);
    throw new Error(`partner-identity configuration is invalid:\n${lines.join('\n')}`);
  }
  return config;
}
