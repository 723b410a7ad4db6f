import { Injectable, Logger } from '@nestjs/common';
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { GatewayConfig } from '../config/gateway.config';
import { userFromClaims, type SignedInUser } from './signed-in-user';

/** A token the gateway does not accept, with the reason it gives (RFC 6750 `error_description`). */
export class TokenRefused extends Error {}

/** What the issuer's discovery document says, as far as the gateway needs it. */
export interface IssuerMetadata {
  issuer: string;
  jwks_uri: string;
  authorization_endpoint?: string;
  token_endpoint?: string;
}

/**
 * Verifies bearer tokens against the configured OpenID Connect issuer: discovery finds its JWKS (refreshed by jose
 * when a new key id appears); the signature, the issuer, the audience, expiry and not-before (with the configured
 * clock skew) and the algorithm (asymmetric ones from the configuration, never `none`) must all hold.
 */
@Injectable()
export class OidcTokenVerifier {
  private readonly logger = new Logger(OidcTokenVerifier.name);
  private metadata?: Promise<{ metadata: IssuerMetadata; keys: JWTVerifyGetKey }>;
  /** Tokens verified already, until they expire: a client sends the same token for an hour, many times a second. */
  private readonly verified = new Map<string, { validUntil: number; user: SignedInUser }>();

  constructor(private readonly config: GatewayConfig) {}

  /** The issuer's metadata (discovery), fetched once; a failed fetch is retried on the next request. */
  discover(): Promise<{ metadata: IssuerMetadata; keys: JWTVerifyGetKey }> {
    this.metadata ??= (async () => {
      const url = `${this.config.oidcIssuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (!response.ok) throw new Error(`discovery at ${url} answered ${response.status}`);
      const metadata = (await response.json()) as IssuerMetadata;
      if (metadata.issuer !== this.config.oidcIssuer) {
        throw new Error(`discovery names issuer ${metadata.issuer}, not the configured ${this.config.oidcIssuer}`);
      }
      return { metadata, keys: createRemoteJWKSet(new URL(metadata.jwks_uri), { cooldownDuration: 30_000 }) };
    })().catch((error: Error) => {
      this.metadata = undefined;
      this.logger.error({ message: 'OIDC discovery failed', issuer: this.config.oidcIssuer, error: error.message });
      throw error;
    });
    return this.metadata;
  }

  async verify(token: string): Promise<SignedInUser> {
    const known = this.verified.get(token);
    if (known && known.validUntil > Date.now()) return known.user;
    const { keys } = await this.discover();
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: this.config.oidcIssuer,
        audience: this.config.oidcAudience,
        algorithms: this.config.oidcAlgorithms,
        clockTolerance: this.config.clockToleranceSeconds,
        requiredClaims: ['sub', 'exp'],
      });
      const user = userFromClaims(
        this.config.oidcIssuer,
        payload as Record<string, unknown>,
        this.config.trustedEmailClaims,
      );
      if (this.verified.size >= 10_000) this.verified.clear();
      this.verified.set(token, {
        validUntil: ((payload.exp as number) + this.config.clockToleranceSeconds) * 1_000,
        user,
      });
      return user;
    } catch (error) {
      throw new TokenRefused(refusalReason(error));
    }
  }
}

/** Says why a token was refused without echoing it. */
function refusalReason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `the token's ${error.claim} claim is not accepted`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature is invalid';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token is signed with an algorithm that is not accepted';
  if (error instanceof errors.JWKSNoMatchingKey) return 'the token is signed with a key the issuer does not publish';
  return 'the token is malformed';
}
