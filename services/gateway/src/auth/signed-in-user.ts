/** A person whose bearer token the gateway verified. */
export interface SignedInUser {
  issuer: string;
  subject: string;
  /** `email`, else an e-mail shaped `preferred_username` or `upn` (Entra puts it there). */
  email?: string;
  name?: string;
  /** Every claim of the token (partner-identity reads `roles` and the tenant claim). */
  claims: Record<string, unknown>;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The signed-in person as the token's claims describe them. */
export function userFromClaims(issuer: string, claims: Record<string, unknown>): SignedInUser {
  const text = (name: string) => (typeof claims[name] === 'string' ? (claims[name] as string) : undefined);
  const email = [text('email'), text('preferred_username'), text('upn')].find((v) => v !== undefined && EMAIL.test(v));
  return { issuer, subject: String(claims.sub), email: email?.toLowerCase(), name: text('name'), claims };
}
