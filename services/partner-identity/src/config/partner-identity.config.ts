import { IsIn, IsString, MinLength } from 'class-validator';
import { loadServiceConfig, ServiceConfig } from '@partner-portal/internal-api';

/** How tenant administrators are recognised (docs/partner-identity.md). */
export type AdminRecognition = 'claim' | 'list' | 'both';

/** The service's whole configuration, loaded once at boot from environment variables. */
export class PartnerIdentityConfig extends ServiceConfig {
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

/** Reads and validates the configuration; throws one error naming every bad variable. */
export function loadPartnerIdentityConfig(env: NodeJS.ProcessEnv = process.env): PartnerIdentityConfig {
  return loadServiceConfig(
    PartnerIdentityConfig,
    env,
    { name: 'partner-identity', port: 3101, database: 'partner_identity' },
    {
      adminRecognition: ['ADMIN_RECOGNITION', env.ADMIN_RECOGNITION ?? 'both'],
      adminRole: ['ADMIN_ROLE', env.ADMIN_ROLE ?? 'PartnerPortal.Administrator'],
      adminTenantClaim: ['ADMIN_TENANT_CLAIM', env.ADMIN_TENANT_CLAIM ?? 'partner_portal_tenant'],
    },
  );
}
