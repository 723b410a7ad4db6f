import type { AdminRecognition } from '../config/partner-identity.config';

/** How the configuration recognises administrators. */
export interface AdminRecognitionRules {
  mode: AdminRecognition;
  /** The `roles` claim value that marks an administrator. */
  role: string;
  /** The claim naming the tenant the administrator belongs to. */
  tenantClaim: string;
}

const TENANT_ID = /^[a-z0-9-]{1,64}$/;

function asStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/**
 * The tenants an identity administers: by token claim (its `roles` hold the administrator role and the tenant
 * claim names the tenants), by the tenant administrator list, or by either (`both`).
 */
export function tenantsAdministered(
  rules: AdminRecognitionRules,
  claims: Record<string, unknown>,
  listedTenants: readonly string[],
): string[] {
  const tenants = new Set<string>();
  if (rules.mode !== 'list' && asStrings(claims.roles).includes(rules.role)) {
    for (const tenant of asStrings(claims[rules.tenantClaim])) if (TENANT_ID.test(tenant)) tenants.add(tenant);
  }
  if (rules.mode !== 'claim') for (const tenant of listedTenants) tenants.add(tenant);
  return [...tenants].sort();
}
