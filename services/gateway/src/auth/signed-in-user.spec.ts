import { userFromClaims } from './signed-in-user';

describe('the signed-in person', () => {
  it('takes the e-mail only where the issuer vouches for it, lower-cased', () => {
    expect(
      userFromClaims('https://i', { sub: 's', email: 'Ann@Example.com', email_verified: true, name: 'Ann' }),
    ).toMatchObject({ issuer: 'https://i', subject: 's', email: 'ann@example.com', name: 'Ann' });
    // Entra's optional claim: the e-mail's domain is owned by the account's tenant.
    expect(userFromClaims('https://i', { sub: 's', email: 'dee@example.com', xms_edov: true }).email).toBe(
      'dee@example.com',
    );
    expect(userFromClaims('https://i', { sub: 's', email: 'ann@example.com' }).email).toBeUndefined();
    expect(
      userFromClaims('https://i', { sub: 's', email: 'ann@example.com', email_verified: 'true' }).email,
    ).toBeUndefined();
    expect(userFromClaims('https://i', { sub: 's', preferred_username: 'bo@example.com' }).email).toBeUndefined();
    expect(userFromClaims('https://i', { sub: 's' }).email).toBeUndefined();
  });

  it('takes a claim the operator trusts (a single-tenant Entra app) as the e-mail, if it is an address', () => {
    const trusted = ['preferred_username', 'upn'];
    expect(userFromClaims('https://i', { sub: 's', preferred_username: 'Bo@example.com' }, trusted).email).toBe(
      'bo@example.com',
    );
    expect(
      userFromClaims('https://i', { sub: 's', preferred_username: 'not-an-address', upn: 'cy@example.com' }, trusted)
        .email,
    ).toBe('cy@example.com');
  });
});
