/** A person whose bearer token the gateway verified. */
export interface SignedInUser {
  issuer: string;
  subject: string;
  /**
   * The e-mail address the issuer vouches for: `email` with `email_verified` (or Entra's `xms_edov`) true, else a
   * claim the operator trusts (OIDC_TRUSTED_EMAIL_CLAIMS). Accepting an invitation needs it; an unverified address
   * never counts, so it can neither match an invitation nor lock one with wrong codes.
   */
  email?: string;
  name?: string;
  /** Every claim of the token (partner-identity reads `roles` and the tenant claim). */
  claims: Record<string, unknown>;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The signed-in person as the token's claims describe them. */
export function userFromClaims(
  issuer: string,
  claims: Record<string, unknown>,
  trustedEmailClaims: readonly string[] = [],
): SignedInUser {
  const text = (name: string) => (typeof claims[name] === 'string' ? (claims[name] as string) : undefined);
  const verified = claims.email_verified === true || claims.xms_edov === true;
  const email = [verified ? text('email') : undefined, ...trustedEmailClaims.map(text)].find(
    (v) => v !== undefined && EMAIL.test(v),
  );
  return { issuer, subject: String(claims.sub), email: email?.toLowerCase(), name: text('name'), claims };
}
