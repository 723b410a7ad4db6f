import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';
import { chosenMembership } from '../api/membership';
import type { Ok } from '../api/types';
import { useAuth } from './auth';

export type Me = Ok<'/api/portal/me', 'get'>;
export type Membership = Me['memberships'][number];

/** Who the signed-in person is to the portal: tenants it administers, memberships it holds. */
export function useMe() {
  const { user } = useAuth();
  return useQuery({
    queryKey: ['me', user?.profile.sub],
    queryFn: () => call(api.GET('/api/portal/me')),
    enabled: Boolean(user),
    staleTime: 30_000,
  });
}

/** The membership the partner area acts through: the chosen one, or the only one. */
export function activeMembership(me: Me | undefined): Membership | undefined {
  if (!me) return undefined;
  const chosen = chosenMembership();
  return (
    me.memberships.find((m) => m.membershipId === chosen) ??
    (me.memberships.length === 1 ? me.memberships[0] : undefined)
  );
}
