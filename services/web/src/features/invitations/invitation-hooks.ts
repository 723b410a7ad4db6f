import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { BodyOf, Ok, QueryOf } from '../../api/types';
import { licensingKeys } from '../collaborate-exchange/licensing-hooks';

export type Invitation = Ok<'/api/admin/tenants/{tenantId}/invitations/{invitationId}', 'get'>;
export type InvitationListQuery = QueryOf<'/api/admin/tenants/{tenantId}/invitations', 'get'>;
export type InviteRow = BodyOf<'/api/admin/tenants/{tenantId}/invitations/bulk', 'post'>['invitations'][number];
export type BulkAnswer = Ok<'/api/admin/tenants/{tenantId}/invitations/bulk', 'post'>;

export const invitationKeys = {
  all: (tenantId: string) => ['invitations', tenantId] as const,
  list: (tenantId: string, query: object) => ['invitations', tenantId, 'list', query] as const,
  one: (tenantId: string, id: string) => ['invitations', tenantId, 'one', id] as const,
};

/** Statuses that still move on their own (the saga is deciding, or the contact may accept). */
const MOVING = new Set(['pending_license', 'invited']);

/** A page of invitations; polled, so Invited turns into Accepted without a reload. */
export function useInvitations(tenantId: string, query: InvitationListQuery) {
  return useQuery({
    queryKey: invitationKeys.list(tenantId, query),
    queryFn: () =>
      call(api.GET('/api/admin/tenants/{tenantId}/invitations', { params: { path: { tenantId }, query } })),
    placeholderData: keepPreviousData,
    refetchInterval: 4_000,
  });
}

export const fetchInvitationPage = (tenantId: string, query: InvitationListQuery) =>
  call(api.GET('/api/admin/tenants/{tenantId}/invitations', { params: { path: { tenantId }, query } }));

/**
 * The invitations just sent, followed closely until licensing has decided (the API answers before it has): a
 * refusal shows within a second, not as "sent".
 */
export function useFollowInvitations(tenantId: string, ids: string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: invitationKeys.one(tenantId, id),
      queryFn: () =>
        call(
          api.GET('/api/admin/tenants/{tenantId}/invitations/{invitationId}', {
            params: { path: { tenantId, invitationId: id } },
          }),
        ),
      refetchInterval: (query: { state: { data?: Invitation } }) =>
        !query.state.data || query.state.data.status === 'pending_license'
          ? 250
          : MOVING.has(query.state.data.status)
            ? 4_000
            : false,
    })),
  });
}

/** Invites several contacts (or checks, with `dryRun`, what it would take): one result per row. */
export function useBulkInvite(tenantId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ invitations, dryRun }: { invitations: InviteRow[]; dryRun: boolean }) =>
      call(
        api.POST('/api/admin/tenants/{tenantId}/invitations/bulk', {
          params: { path: { tenantId } },
          body: { invitations, dryRun },
        }),
      ),
    onSuccess: (answer) => {
      if (answer.dryRun) return;
      void client.invalidateQueries({ queryKey: invitationKeys.all(tenantId) });
      void client.invalidateQueries({ queryKey: ['directory', tenantId] });
      void client.invalidateQueries({ queryKey: licensingKeys.overview(tenantId) });
    },
  });
}

export function useResend(tenantId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) =>
      call(
        api.POST('/api/admin/tenants/{tenantId}/invitations/{invitationId}/resend', {
          params: { path: { tenantId, invitationId } },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: invitationKeys.all(tenantId) }),
  });
}

export function useRevoke(tenantId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ invitationId, reason }: { invitationId: string; reason?: string }) =>
      call(
        api.POST('/api/admin/tenants/{tenantId}/invitations/{invitationId}/revoke', {
          params: { path: { tenantId, invitationId } },
          body: reason ? { reason } : {},
        }),
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: invitationKeys.all(tenantId) });
      void client.invalidateQueries({ queryKey: licensingKeys.overview(tenantId) });
      void client.invalidateQueries({ queryKey: ['directory', tenantId] });
    },
  });
}
