import { userFromClaims } from './signed-in-user';

describe('the signed-in person', () => {
  it("takes the e-mail from `email`, else from Entra's `preferred_username` or `upn`, lower-cased", () => {
    expect(userFromClaims('https://i', { sub: 's', email: 'Ann@Example.com', name: 'Ann' })).toMatchObject({
      issuer: 'https://i',
      subject: 's',
      email: 'ann@example.com',
      name: 'Ann',
    });
    expect(userFromClaims('https://i', { sub: 's', preferred_username: 'bo@example.com' }).email).toBe(
      'bo@example.com',
    );
    expect(
      userFromClaims('https://i', { sub: 's', preferred_username: 'not-an-address', upn: 'cy@example.com' }).email,
    ).toBe('cy@example.com');
    expect(userFromClaims('https://i', { sub: 's' }).email).toBeUndefined();
  });
});
