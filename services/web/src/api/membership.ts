/** The membership a person with several acts through (`X-Portal-Membership`), for this browser tab's session. */
const KEY = 'portal.membership';

export const chosenMembership = (): string | undefined => window.sessionStorage.getItem(KEY) ?? undefined;

export function chooseMembership(membershipId: string | undefined): void {
  if (membershipId) window.sessionStorage.setItem(KEY, membershipId);
  else window.sessionStorage.removeItem(KEY);
}
