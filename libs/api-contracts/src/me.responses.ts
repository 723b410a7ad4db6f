import { IsArray, IsString } from 'class-validator';
import { Nullable } from './response-rules';
import { ResolvedPrincipal } from './principals';

/** The signed-in person, the tenants it administers and its active memberships (`GET /api/portal/me`). */
export class MeResponse extends ResolvedPrincipal {
  /** The person's subject at the issuer (`sub`). */
  @IsString()
  subject!: string;

  /** From the token's `email` (else an e-mail-shaped `preferred_username` or `upn`); null when it has none. */
  @Nullable()
  @IsString()
  email!: string | null;

  /** From the token's `name`. */
  @Nullable()
  @IsString()
  name!: string | null;
}

/** The tenants the signed-in person administers (`GET /api/admin/tenants`). */
export class AdministeredTenantsResponse {
  /** Tenant ids, each usable as `/api/admin/tenants/{tenantId}/...`. */
  @IsArray()
  @IsString({ each: true })
  items!: string[];
}
