import {
  Button,
  Dropdown,
  Field,
  Input,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownload24Regular, MoreHorizontal24Regular, PersonAdd24Regular } from '@fluentui/react-icons';
import { Option } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { z } from 'zod/mini';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { download, fetchAllPages, toCsv } from '../../ui/csv';
import { DataTable, Pager, type Column } from '../../ui/data-table';
import { useDebounced } from '../../ui/debounce';
import { EmptyState } from '../../ui/empty-state';
import { useFormat } from '../../ui/format';
import { definedParams, useListState } from '../../ui/list-state';
import { PageHeader, Row, Stack } from '../../ui/page';
import { ProblemMessage } from '../../ui/problem-message';
import { InvitationStatusBadge, type InvitationStatus } from '../../ui/status-badge';
import { useTenantId } from '../admin/admin-layout';
import {
  fetchInvitationPage,
  useInvitations,
  useResend,
  useRevoke,
  type Invitation,
  type InvitationListQuery,
} from './invitation-hooks';
import { ChoiceFilter, PARTNER_TYPES } from '../../ui/choice-filter';

const STATUSES: InvitationStatus[] = [
  'pending_license',
  'invited',
  'accepted',
  'expired',
  'revoked',
  'rejected',
  'email_failed',
];
const SORTS = ['createdAt', 'expiresAt', 'status', 'contactName', 'partnerName', 'email'] as const;
const PAGE_SIZES = [25, 50, 100] as const;

/** The list's state in the URL: filters, sort, page. */
const listState = z.object({
  page: z.catch(z.coerce.number().check(z.int(), z.minimum(1)), 1),
  pageSize: z.catch(z.pipe(z.coerce.number(), z.union(PAGE_SIZES.map((n) => z.literal(n)))), 25),
  status: z.catch(z.optional(z.enum(STATUSES)), undefined),
  partnerType: z.catch(z.optional(z.enum(['customer', 'vendor', '3pl_customer'])), undefined),
  search: z.catch(z.optional(z.string().check(z.maxLength(100))), undefined),
  sort: z.catch(z.optional(z.enum(SORTS)), undefined),
  order: z.catch(z.optional(z.enum(['asc', 'desc'])), undefined),
});

const OPEN = new Set(['pending_license', 'invited', 'email_failed']);

/** Every invitation of the tenant with its status, filters, sort and paging in the URL, resend, revoke and export. */
export function InvitationsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const tenantId = useTenantId();
  const [state, update] = useListState(listState);
  const [search, setSearch] = useState(state.search ?? '');
  const settledSearch = useDebounced(search.trim(), 300);
  useEffect(() => {
    if (settledSearch !== (state.search ?? '')) update({ search: settledSearch || undefined }, { replace: true });
  }, [settledSearch]); // eslint-disable-line react-hooks/exhaustive-deps
  const query = definedParams(state) as InvitationListQuery;
  const invitations = useInvitations(tenantId, query);
  const resend = useResend(tenantId);
  const revoke = useRevoke(tenantId);
  const [revoking, setRevoking] = useState<Invitation | undefined>();
  const [reason, setReason] = useState('');
  const [exporting, setExporting] = useState<{ done: number; total: number } | undefined>();
  const [exportError, setExportError] = useState<unknown>();

  const columns: Column<Invitation>[] = [
    {
      id: 'contact',
      header: t('invitations.contact'),
      sortKey: 'contactName',
      cell: (i) => (
        <div>
          <div>{i.contactName}</div>
          <Text size={200}>{i.email}</Text>
        </div>
      ),
    },
    {
      id: 'partner',
      header: t('invitations.partner'),
      sortKey: 'partnerName',
      cell: (i) => (
        <div>
          <div>{i.partnerName ?? i.partnerNo}</div>
          <Text size={200}>
            {i.partnerNo} · {t(`partnerType.${i.partnerType}`)}
          </Text>
        </div>
      ),
    },
    {
      id: 'where',
      header: t('invitations.where'),
      cell: (i) => `${i.companyName ?? i.companyId} · ${i.environment}`,
    },
    { id: 'role', header: t('common.role'), cell: (i) => t(`role.${i.role}`) },
    {
      id: 'status',
      header: t('invitations.status'),
      sortKey: 'status',
      cell: (i) => <InvitationStatusBadge invitation={i} />,
    },
    { id: 'created', header: t('invitations.created'), sortKey: 'createdAt', cell: (i) => format.date(i.createdAt) },
    {
      id: 'expires',
      header: t('invitations.expires'),
      sortKey: 'expiresAt',
      cell: (i) => (OPEN.has(i.status) ? format.dateTime(i.expiresAt) : ''),
    },
    {
      id: 'actions',
      header: t('common.actions'),
      cell: (i) =>
        OPEN.has(i.status) ? (
          <Menu>
            <MenuTrigger disableButtonEnhancement>
              <Button
                appearance="subtle"
                icon={<MoreHorizontal24Regular />}
                aria-label={t('invitations.actionsFor', { name: i.contactName })}
              />
            </MenuTrigger>
            <MenuPopover>
              <MenuList>
                {i.status !== 'pending_license' ? (
                  <MenuItem onClick={() => resend.mutate(i.invitationId)}>{t('invitations.resend')}</MenuItem>
                ) : null}
                <MenuItem
                  onClick={() => {
                    revoke.reset();
                    setReason('');
                    setRevoking(i);
                  }}
                >
                  {t('invitations.revoke')}
                </MenuItem>
              </MenuList>
            </MenuPopover>
          </Menu>
        ) : null,
    },
  ];

  const exportCsv = async () => {
    setExportError(undefined);
    try {
      const { page: _page, pageSize: _size, ...filters } = query;
      const { rows } = await fetchAllPages(
        (page, pageSize) => fetchInvitationPage(tenantId, { ...filters, page, pageSize }),
        { onProgress: (done, total) => setExporting({ done, total }) },
      );
      const csv = toCsv(rows, [
        { header: t('invitations.csv.contactNo'), value: (i) => i.contactNo },
        { header: t('common.name'), value: (i) => i.contactName },
        { header: t('common.email'), value: (i) => i.email },
        { header: t('invitations.csv.partnerType'), value: (i) => t(`partnerType.${i.partnerType}`) },
        { header: t('invitations.csv.partnerNo'), value: (i) => i.partnerNo },
        { header: t('invitations.partner'), value: (i) => i.partnerName },
        { header: t('common.company'), value: (i) => i.companyName ?? i.companyId },
        { header: t('common.environment'), value: (i) => i.environment },
        { header: t('common.role'), value: (i) => t(`role.${i.role}`) },
        { header: t('invitations.status'), value: (i) => t(`invitation.status.${i.status}`) },
        { header: t('invitations.created'), value: (i) => i.createdAt },
        { header: t('invitations.csv.invited'), value: (i) => i.invitedAt },
        { header: t('invitations.csv.accepted'), value: (i) => i.acceptedAt },
        { header: t('invitations.expires'), value: (i) => i.expiresAt },
      ]);
      download(`invitations-${tenantId}-${new Date().toISOString().slice(0, 10)}.csv`, csv);
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(undefined);
    }
  };

  const filtered = Boolean(state.status || state.partnerType || state.search);
  return (
    <Stack>
      <PageHeader
        title={t('invitations.title')}
        actions={
          <>
            <Button icon={<ArrowDownload24Regular />} onClick={() => void exportCsv()} disabled={Boolean(exporting)}>
              {exporting
                ? t('invitations.exporting', { done: exporting.done, total: exporting.total })
                : t('invitations.export')}
            </Button>
            <Button appearance="primary" icon={<PersonAdd24Regular />} onClick={() => navigate('../invite')}>
              {t('cx.invite')}
            </Button>
          </>
        }
      />
      <Row>
        <Field label={t('common.search')}>
          <Input
            value={search}
            onChange={(_, data) => setSearch(data.value)}
            placeholder={t('invitations.searchPlaceholder')}
            type="search"
          />
        </Field>
        <ChoiceFilter
          label={t('invitations.status')}
          value={state.status}
          values={STATUSES}
          text={(status) => t(`invitation.status.${status}`)}
          onChange={(status) => update({ status })}
        />
        <ChoiceFilter
          label={t('invite.partnerType')}
          value={state.partnerType}
          values={PARTNER_TYPES}
          text={(type) => t(`partnerType.${type}`)}
          onChange={(partnerType) => update({ partnerType })}
        />
        <Field label={t('table.pageSize')}>
          <Dropdown
            value={String(state.pageSize)}
            selectedOptions={[String(state.pageSize)]}
            onOptionSelect={(_, data) => update({ pageSize: Number(data.optionValue) as never })}
          >
            {PAGE_SIZES.map((n) => (
              <Option key={n} value={String(n)}>
                {String(n)}
              </Option>
            ))}
          </Dropdown>
        </Field>
      </Row>
      <ProblemMessage error={invitations.error ?? resend.error ?? exportError} />
      {resend.isSuccess ? (
        <Text role="status" style={{ color: tokens.colorPaletteGreenForeground1 }}>
          {t('invitations.resent', { email: resend.data.email })}
        </Text>
      ) : null}
      <DataTable
        caption={t('invitations.title')}
        columns={columns}
        rows={invitations.data?.items}
        loading={invitations.isPending}
        rowKey={(i) => i.invitationId}
        sort={{ by: state.sort ?? 'createdAt', order: state.order ?? (state.sort ? 'asc' : 'desc') }}
        onSort={(sort) => update({ sort: sort.by as never, order: sort.order })}
        empty={
          filtered ? (
            <EmptyState title={t('invitations.noMatch')} text={t('invitations.noMatchText')} />
          ) : (
            <EmptyState
              title={t('invitations.none')}
              text={t('invitations.noneText')}
              action={
                <Button appearance="primary" onClick={() => navigate('../invite')}>
                  {t('cx.invite')}
                </Button>
              }
            />
          )
        }
      />
      {invitations.data ? (
        <Pager
          page={state.page}
          pageSize={state.pageSize}
          total={invitations.data.total}
          onPage={(page) => update({ page }, { keepPage: true })}
        />
      ) : null}
      <ConfirmDialog
        open={Boolean(revoking)}
        title={t('invitations.revokeTitle', { name: revoking?.contactName ?? '' })}
        confirmLabel={t('invitations.revoke')}
        busy={revoke.isPending}
        error={revoke.error}
        onCancel={() => setRevoking(undefined)}
        onConfirm={() =>
          revoking &&
          revoke.mutate(
            { invitationId: revoking.invitationId, reason: reason.trim() || undefined },
            { onSuccess: () => setRevoking(undefined) },
          )
        }
      >
        <Stack>
          <Text>{t('invitations.revokeText', { email: revoking?.email ?? '' })}</Text>
          <Field label={t('invitations.revokeReason')}>
            <Textarea value={reason} onChange={(_, data) => setReason(data.value)} maxLength={500} />
          </Field>
        </Stack>
      </ConfirmDialog>
    </Stack>
  );
}
