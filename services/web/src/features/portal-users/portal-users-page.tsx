import { Button, Field, Input, Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { DataTable, Pager, type Column } from '../../ui/data-table';
import { useDebounced } from '../../ui/debounce';
import { EmptyState } from '../../ui/empty-state';
import { useFormat } from '../../ui/format';
import { definedParams, useListState } from '../../ui/list-state';
import { PageHeader, Row, Stack } from '../../ui/page';
import { ProblemMessage } from '../../ui/problem-message';
import { MembershipStanding } from '../../ui/membership-standing';
import { RoleDropdown } from '../../ui/role-dropdown';
import { useTenantId } from '../admin/admin-layout';
import { useOverview } from '../collaborate-exchange/licensing-hooks';
import { usePortalUserActions, usePortalUsers, type PortalUser, type PortalUserQuery } from './portal-user-hooks';
import { ChoiceFilter, PARTNER_TYPES } from '../../ui/choice-filter';

const MEMBERSHIP_STATUSES = ['active', 'reactivating', 'deactivated'] as const;

const listState = z.object({
  page: z.catch(z.coerce.number().check(z.int(), z.minimum(1)), 1),
  status: z.catch(z.optional(z.enum(MEMBERSHIP_STATUSES)), undefined),
  partnerType: z.catch(z.optional(z.enum(['customer', 'vendor', '3pl_customer'])), undefined),
  search: z.catch(z.optional(z.string().check(z.maxLength(100))), undefined),
});

type Pending =
  | { kind: 'deactivate' | 'reactivate'; user: PortalUser }
  | { kind: 'role'; user: PortalUser; role: PortalUser['role'] };

/** Portal users of the tenant: role, deactivation (the license goes back) and reactivation (takes one). */
export function PortalUsersPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const tenantId = useTenantId();
  const [state, update] = useListState(listState);
  const [search, setSearch] = useState(state.search ?? '');
  const settled = useDebounced(search.trim(), 300);
  useEffect(() => {
    if (settled !== (state.search ?? '')) update({ search: settled || undefined }, { replace: true });
  }, [settled]); // eslint-disable-line react-hooks/exhaustive-deps
  const users = usePortalUsers(tenantId, { ...definedParams(state), pageSize: 50 } as PortalUserQuery);
  const overview = useOverview(tenantId);
  const actions = usePortalUserActions(tenantId);
  const [pending, setPending] = useState<Pending | undefined>();
  const available = overview.data?.pool.available ?? 0;
  const mutation = pending ? (pending.kind === 'role' ? actions.changeRole : actions[pending.kind]) : undefined;

  const confirm = () => {
    if (!pending) return;
    const done = { onSuccess: () => setPending(undefined) };
    if (pending.kind === 'role')
      actions.changeRole.mutate({ membershipId: pending.user.membershipId, role: pending.role }, done);
    else actions[pending.kind].mutate(pending.user.membershipId, done);
  };
  const open = (next: Pending) => {
    actions.changeRole.reset();
    actions.deactivate.reset();
    actions.reactivate.reset();
    setPending(next);
  };

  const columns: Column<PortalUser>[] = [
    {
      id: 'person',
      header: t('portalUsers.person'),
      cell: (u) => (
        <div>
          <div>{u.displayName ?? u.email}</div>
          <Text size={200}>{u.email}</Text>
        </div>
      ),
    },
    {
      id: 'partner',
      header: t('invitations.partner'),
      cell: (u) => `${u.partnerNo} · ${t(`partnerType.${u.partnerType}`)} · ${u.companyId} · ${u.environment}`,
    },
    {
      id: 'role',
      header: t('common.role'),
      cell: (u) => (
        <RoleDropdown
          label={t('portalUsers.roleOf', { name: u.displayName ?? u.email })}
          role={u.role}
          disabled={u.status !== 'active'}
          onChange={(role) => open({ kind: 'role', user: u, role })}
        />
      ),
    },
    { id: 'status', header: t('portalUsers.status'), cell: (u) => <MembershipStanding {...u} /> },
    { id: 'since', header: t('portalUsers.since'), cell: (u) => format.date(u.createdAt) },
    {
      id: 'actions',
      header: t('common.actions'),
      cell: (u) =>
        u.status === 'active' ? (
          <Button onClick={() => open({ kind: 'deactivate', user: u })}>{t('portalUsers.deactivate')}</Button>
        ) : u.status === 'reactivating' ? null : (
          <Button onClick={() => open({ kind: 'reactivate', user: u })}>{t('portalUsers.reactivate')}</Button>
        ),
    },
  ];

  const who = pending ? (pending.user.displayName ?? pending.user.email) : '';
  return (
    <Stack>
      <PageHeader title={t('portalUsers.title')} />
      <Row>
        <Field label={t('common.search')}>
          <Input
            type="search"
            value={search}
            onChange={(_, d) => setSearch(d.value)}
            placeholder={t('portalUsers.searchPlaceholder')}
          />
        </Field>
        <ChoiceFilter
          label={t('portalUsers.status')}
          value={state.status}
          values={MEMBERSHIP_STATUSES}
          text={(status) => t(`membershipStatus.${status}`)}
          onChange={(status) => update({ status })}
        />
        <ChoiceFilter
          label={t('invite.partnerType')}
          value={state.partnerType}
          values={PARTNER_TYPES}
          text={(type) => t(`partnerType.${type}`)}
          onChange={(partnerType) => update({ partnerType })}
        />
      </Row>
      <ProblemMessage error={users.error} />
      <DataTable
        caption={t('portalUsers.title')}
        columns={columns}
        rows={users.data?.items}
        loading={users.isPending}
        rowKey={(u) => u.membershipId}
        empty={<EmptyState title={t('portalUsers.none')} text={t('portalUsers.noneText')} />}
      />
      {users.data ? (
        <Pager
          page={state.page}
          pageSize={users.data.pageSize}
          total={users.data.total}
          onPage={(page) => update({ page }, { keepPage: true })}
        />
      ) : null}
      <ConfirmDialog
        open={Boolean(pending)}
        title={
          pending?.kind === 'role'
            ? t('portalUsers.roleTitle', { name: who })
            : pending?.kind === 'deactivate'
              ? t('portalUsers.deactivateTitle', { name: who })
              : t('portalUsers.reactivateTitle', { name: who })
        }
        confirmLabel={
          pending?.kind === 'role'
            ? t('portalUsers.changeRole')
            : pending?.kind === 'deactivate'
              ? t('portalUsers.deactivate')
              : t('portalUsers.reactivate')
        }
        busy={mutation?.isPending || (pending?.kind === 'reactivate' && available <= 0)}
        error={mutation?.error}
        onCancel={() => setPending(undefined)}
        onConfirm={confirm}
      >
        <Text as="p">
          {pending?.kind === 'role'
            ? t('portalUsers.roleText', { name: who, role: t(`role.${pending.role}`) })
            : pending?.kind === 'deactivate'
              ? t('portalUsers.deactivateText', { available: available + 1 })
              : available > 0
                ? t('portalUsers.reactivateText', { available })
                : t('portalUsers.reactivateNone')}
        </Text>
      </ConfirmDialog>
    </Stack>
  );
}
