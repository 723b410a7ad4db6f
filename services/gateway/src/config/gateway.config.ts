import { isIP } from 'node:net';
import {
  ArrayMinSize,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
} from 'class-validator';
import { BaseConfig, listVariable, loadBaseConfig } from '@partner-portal/internal-api';

/** JWS algorithms a token may be signed with; never `none`, never symmetric (the issuer's public keys verify). */
export const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];

const httpUrl = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/** Express's names of address ranges, besides addresses and CIDR ranges. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** Whether a value names proxies Express can trust: a range name, an IP address, or a CIDR range. */
export function isProxyRange(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (PROXY_RANGE_NAMES.includes(value)) return true;
  const [address, bits, ...rest] = value.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

/** The gateway's configuration, loaded once at boot from environment variables. */
export class GatewayConfig extends BaseConfig {
  /** OIDC_ISSUER: the OpenID Connect issuer whose tokens are accepted (discovery at /.well-known/openid-configuration). */
  @IsUrl(httpUrl)
  oidcIssuer!: string;

  /** OIDC_AUDIENCE: the `aud` access tokens must carry (Entra: the API's application id URI). */
  @IsString()
  @MinLength(1)
  oidcAudience!: string;

  /** OIDC_ALGORITHMS: accepted signature algorithms, comma-separated. */
  @ArrayMinSize(1)
  @IsIn(ASYMMETRIC_ALGORITHMS, { each: true })
  oidcAlgorithms!: string[];

  /**
   * OIDC_TRUSTED_EMAIL_CLAIMS: claims taken as the person's verified e-mail without `email_verified`, comma-separated
   * (none by default). Entra ID: `upn` or `preferred_username` only where every account's domain is the company's
   * own (a single-tenant app); otherwise add the optional claims `email` and `xms_edov` to the token configuration.
   */
  @IsIn(['email', 'preferred_username', 'upn', 'unique_name'], { each: true })
  trustedEmailClaims!: string[];

  /** OIDC_CLOCK_TOLERANCE_SECONDS: clock skew allowed on `exp` and `nbf`. */
  @IsInt()
  @Min(0)
  @Max(300)
  clockToleranceSeconds!: number;

  /** OIDC_CLIENT_ID: the public client the web app and the API docs sign in with (authorization code + PKCE). */
  @IsString()
  @MinLength(1)
  oidcClientId!: string;

  /**
   * OIDC_WEB_SCOPE: the scopes the web app asks for; they must yield an access token for OIDC_AUDIENCE (Entra:
   * `openid profile email api://<app id>/<scope>`).
   */
  @IsString()
  @MinLength(1)
  oidcWebScope!: string;

  /** WEB_APP_DIR: the web app's build (services/web/dist) to serve on this origin; unset, no web app is served. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  webAppDir?: string;

  /** PARTNER_IDENTITY_URL, LICENSING_URL, INVITATIONS_URL, DOCUMENT_PROJECTION_URL: the services' internal APIs. */
  @IsUrl(httpUrl)
  partnerIdentityUrl!: string;

  @IsUrl(httpUrl)
  licensingUrl!: string;

  @IsUrl(httpUrl)
  invitationsUrl!: string;

  @IsUrl(httpUrl)
  documentProjectionUrl!: string;

  /** CORS_ORIGINS: browser origins allowed to call the API, comma-separated (none by default). */
  @Matches(/^https?:\/\/[^/\s]+$/, { each: true, message: 'each origin must be scheme://host[:port]' })
  corsOrigins!: string[];

  /**
   * TRUST_PROXY: the proxies in front of the gateway (an ingress, a load balancer) whose `X-Forwarded-For` is believed,
   * comma-separated: `loopback`, `linklocal`, `uniquelocal`, addresses or CIDR ranges (default `loopback`; empty:
   * none). The client address that rate limits and logs use is the first one not in these ranges.
   */
  @ValidateBy(
    { name: 'isProxyRange', validator: { validate: isProxyRange } },
    { each: true, message: `each entry must be ${PROXY_RANGE_NAMES.join(', ')}, an IP address or a CIDR range` },
  )
  trustProxy!: string[];

  /** RATE_LIMIT_PER_MINUTE: requests per minute per signed-in identity (or address), on every route. */
  @IsInt()
  @Min(1)
  rateLimitPerMinute!: number;

  /** ACCEPT_RATE_LIMIT_PER_MINUTE: the tighter limit of invitation preview, accept and code entry. */
  @IsInt()
  @Min(1)
  acceptRateLimitPerMinute!: number;

  /** PRINCIPAL_CACHE_MS: how long a resolved identity (tenants administered, memberships) is reused. */
  @IsInt()
  @Min(0)
  @Max(60_000)
  principalCacheMs!: number;
}

/** Reads and validates the configuration; throws one error naming every bad variable. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return loadBaseConfig(
    GatewayConfig,
    env,
    { name: 'gateway', port: 3100 },
    {
      oidcIssuer: ['OIDC_ISSUER', env.OIDC_ISSUER ?? 'http://127.0.0.1:3200'],
      oidcAudience: ['OIDC_AUDIENCE', env.OIDC_AUDIENCE ?? 'api://partner-portal'],
      oidcAlgorithms: ['OIDC_ALGORITHMS', listVariable(env.OIDC_ALGORITHMS, ['RS256', 'PS256', 'ES256'])],
      clockToleranceSeconds: ['OIDC_CLOCK_TOLERANCE_SECONDS', Number(env.OIDC_CLOCK_TOLERANCE_SECONDS ?? 60)],
      trustedEmailClaims: ['OIDC_TRUSTED_EMAIL_CLAIMS', listVariable(env.OIDC_TRUSTED_EMAIL_CLAIMS)],
      oidcClientId: ['OIDC_CLIENT_ID', env.OIDC_CLIENT_ID ?? 'partner-portal'],
      oidcWebScope: ['OIDC_WEB_SCOPE', env.OIDC_WEB_SCOPE ?? 'openid email profile api'],
      webAppDir: ['WEB_APP_DIR', env.WEB_APP_DIR || undefined],
      partnerIdentityUrl: ['PARTNER_IDENTITY_URL', env.PARTNER_IDENTITY_URL ?? 'http://127.0.0.1:3101'],
      licensingUrl: ['LICENSING_URL', env.LICENSING_URL ?? 'http://127.0.0.1:3102'],
      invitationsUrl: ['INVITATIONS_URL', env.INVITATIONS_URL ?? 'http://127.0.0.1:3103'],
      documentProjectionUrl: ['DOCUMENT_PROJECTION_URL', env.DOCUMENT_PROJECTION_URL ?? 'http://127.0.0.1:3104'],
      corsOrigins: ['CORS_ORIGINS', listVariable(env.CORS_ORIGINS)],
      trustProxy: ['TRUST_PROXY', listVariable(env.TRUST_PROXY, ['loopback'])],
      rateLimitPerMinute: ['RATE_LIMIT_PER_MINUTE', Number(env.RATE_LIMIT_PER_MINUTE ?? 600)],
      acceptRateLimitPerMinute: ['ACCEPT_RATE_LIMIT_PER_MINUTE', Number(env.ACCEPT_RATE_LIMIT_PER_MINUTE ?? 10)],
      principalCacheMs: ['PRINCIPAL_CACHE_MS', Number(env.PRINCIPAL_CACHE_MS ?? 2_000)],
    },
  );
}
