import { IsObject, IsOptional } from 'class-validator';
import { ExternalIdentityRefV1 } from '@partner-portal/contracts';

/** A verified sign-in, as the gateway read it from the token. */
export class ResolvePrincipalRequest extends ExternalIdentityRefV1 {
  /** The token's claims (only `roles` and the configured tenant claim are read). */
  @IsOptional()
  @IsObject()
  claims?: Record<string, unknown>;
}
