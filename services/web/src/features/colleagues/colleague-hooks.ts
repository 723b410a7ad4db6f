import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { BodyOf, Ok, QueryOf } from '../../api/types';
import { useWorkspace } from '../workspace/workspace';
import { pollWhileReactivating } from '../../ui/membership-standing';

export type Colleague = Ok<'/api/portal/users/{membershipId}', 'get'>;
export type ColleagueQuery = QueryOf<'/api/portal/users', 'get'>;
export type PartnerContact = Ok<'/api/portal/contacts', 'get'>['items'][number];
export type PartnerContactQuery = QueryOf<'/api/portal/contacts', 'get'>;
export type ColleagueInvitation = Ok<'/api/portal/invitations/{invitationId}', 'get'>;
export type InviteColleague = BodyOf<'/api/portal/invitations', 'post'>;
type Role = Colleague['role'];

/** Keys of the colleagues page, under the workspace's (so a membership switch forgets them). */
function useKeys() {
  const { queryKey } = useWorkspace();
  const all = [...queryKey, 'colleagues'] as const;
  return {
    all,
    users: (query: object) => [...all, 'users', query] as const,
    contacts: (query: object) => [...all, 'contacts', query] as const,
    invitations: (query: object) => [...all, 'invitations', query] as const,
    invitation: (id: string) => [...all, 'invitation', id] as const,
  };
}

/** Statuses an invitation leaves on its own: licensing deciding, the colleague about to accept. */
const MOVING = new Set(['pending_license', 'invited']);

/** The partner's portal users; polled, so a colleague who accepts shows up without a reload. */
export function useColleagues(query: ColleagueQuery) {
  const keys = useKeys();
  return useQuery({
    queryKey: keys.users(query),
    queryFn: () => call(api.GET('/api/portal/users', { params: { query } })),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => pollWhileReactivating(q.state.data?.items, 10_000),
  });
}

/** The partner's ERP contacts with their portal standing. */
export function usePartnerContacts(query: PartnerContactQuery) {
  const keys = useKeys();
  return useQuery({
    queryKey: keys.contacts(query),
    queryFn: () => call(api.GET('/api/portal/contacts', { params: { query } })),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });
}

/** The partner's invitations, newest first; polled faster while one is still moving. */
export function useColleagueInvitations() {
  const keys = useKeys();
  const query = { page: 1, pageSize: 10 };
  return useQuery({
    queryKey: keys.invitations(query),
    queryFn: () => call(api.GET('/api/portal/invitations', { params: { query } })),
    refetchInterval: (q) => (q.state.data?.items.some((i) => MOVING.has(i.status)) ? 2_000 : 15_000),
  });
}

/**
 * The invitation just sent, followed closely until licensing has decided (the API answers before it has), so that
 * "no license left" shows within a second rather than as "sent".
 */
export function useFollowInvitation(invitationId: string | undefined) {
  const keys = useKeys();
  return useQuery({
    queryKey: keys.invitation(invitationId ?? ''),
    queryFn: () =>
      call(
        api.GET('/api/portal/invitations/{invitationId}', { params: { path: { invitationId: invitationId ?? '' } } }),
      ),
    enabled: Boolean(invitationId),
    refetchInterval: (q) =>
      !q.state.data || q.state.data.status === 'pending_license'
        ? 300
        : MOVING.has(q.state.data.status)
          ? 4_000
          : false,
  });
}

/** Invites a contact of the partner; the lists refresh. */
export function useInviteColleague() {
  const keys = useKeys();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: InviteColleague) => call(api.POST('/api/portal/invitations', { body })),
    onSuccess: (invitation) => {
      client.setQueryData(keys.invitation(invitation.invitationId), invitation);
      void client.invalidateQueries({ queryKey: keys.all });
    },
  });
}

/** Role change, deactivation and reactivation of a colleague: each refreshes the page's lists. */
export function useColleagueActions() {
  const keys = useKeys();
  const client = useQueryClient();
  const settle = () => void client.invalidateQueries({ queryKey: keys.all });
  const path = (membershipId: string) => ({ params: { path: { membershipId } } });
  return {
    changeRole: useMutation({
      mutationFn: ({ membershipId, role }: { membershipId: string; role: Role }) =>
        call(api.PATCH('/api/portal/users/{membershipId}/role', { ...path(membershipId), body: { role } })),
      onSuccess: settle,
    }),
    deactivate: useMutation({
      mutationFn: (membershipId: string) =>
        call(api.POST('/api/portal/users/{membershipId}/deactivate', path(membershipId))),
      onSuccess: settle,
    }),
    reactivate: useMutation({
      mutationFn: (membershipId: string) =>
        call(api.POST('/api/portal/users/{membershipId}/reactivate', path(membershipId))),
      onSuccess: settle,
    }),
  };
}
