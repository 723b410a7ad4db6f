import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { ApiProblem } from '../../api/problem';
import { ChoiceFilter } from '../../ui/choice-filter';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { DataTable, Pager, type Column } from '../../ui/data-table';
import { useDebounced } from '../../ui/debounce';
import { EmptyState } from '../../ui/empty-state';
import { useFormat } from '../../ui/format';
import { useListState } from '../../ui/list-state';
import { PageHeader, Row, Section, Stack } from '../../ui/page';
import { ProblemMessage } from '../../ui/problem-message';
import { ROLES, RoleDropdown, type Role } from '../../ui/role-dropdown';
import { InvitationStatusBadge, PortalStatusBadge } from '../../ui/status-badge';
import { useWorkspace } from '../workspace/workspace';
import { MembershipStanding } from '../../ui/membership-standing';
import {
  useColleagueActions,
  useColleagueInvitations,
  useColleagues,
  useFollowInvitation,
  useInviteColleague,
  usePartnerContacts,
  type Colleague,
  type ColleagueInvitation,
  type PartnerContact,
} from './colleague-hooks';

const STANDINGS = ['not_invited', 'invited', 'portal_user', 'deactivated'] as const;
const PAGE_SIZE = 20;

const listState = z.object({
  usersPage: z.catch(z.coerce.number().check(z.int(), z.minimum(1)), 1),
  contactsPage: z.catch(z.coerce.number().check(z.int(), z.minimum(1)), 1),
  search: z.catch(z.optional(z.string().check(z.maxLength(100))), undefined),
  standing: z.catch(z.optional(z.enum(STANDINGS)), undefined),
});

const useStyles = makeStyles({
  // Fluent's dropdown is 250px at least, wider than the column: it stays inside its cell (the text may wrap).
  role: { minWidth: 'auto', maxWidth: '100%' },
  search: { minWidth: '18rem' },
  status: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalXXS },
});

type Pending = { kind: 'deactivate' | 'reactivate'; user: Colleague } | { kind: 'role'; user: Colleague; role: Role };

/** Whether the API refused because the person is not (or no longer) a customer representative. */
const notARepresentative = (error: unknown) => error instanceof ApiProblem && error.code === 'not_a_representative';

/** Said instead of the page to anyone who is not a customer representative (also one who types the address). */
function OnlyRepresentatives() {
  const { t } = useTranslation();
  return (
    <Stack>
      <PageHeader title={t('colleagues.title')} />
      <EmptyState title={t('colleagues.onlyRepresentatives.title')} text={t('colleagues.onlyRepresentatives.text')} />
    </Stack>
  );
}

/**
 * My colleagues (seed 003's partner admin): a customer representative sees its partner's portal users (role,
 * deactivate, reactivate, within the rules the API enforces) and the partner's ERP contacts, and invites those without
 * access; each invitation takes one of the company's licenses, and a refusal says whom to ask.
 */
export function ColleaguesPage() {
  const workspace = useWorkspace();
  if (workspace.kind !== 'member' || !workspace.may.manageColleagues) return <OnlyRepresentatives />;
  return <Colleagues />;
}

function Colleagues() {
  const { t } = useTranslation();
  const styles = useStyles();
  const format = useFormat();
  const workspace = useWorkspace();
  const [state, update] = useListState(listState);
  const [search, setSearch] = useState(state.search ?? '');
  const settled = useDebounced(search.trim(), 300);
  useEffect(() => {
    if (settled !== (state.search ?? ''))
      update({ search: settled || undefined, contactsPage: undefined }, { replace: true, keepPage: true });
  }, [settled]); // eslint-disable-line react-hooks/exhaustive-deps
  const users = useColleagues({ page: state.usersPage, pageSize: PAGE_SIZE });
  const contacts = usePartnerContacts({
    page: state.contactsPage,
    pageSize: PAGE_SIZE,
    ...(state.search ? { search: state.search } : {}),
    ...(state.standing ? { portalStatus: state.standing } : {}),
  });
  const invitations = useColleagueInvitations();
  const actions = useColleagueActions();
  const invite = useInviteColleague();
  const [pending, setPending] = useState<Pending | undefined>();
  const [inviting, setInviting] = useState<PartnerContact | undefined>();
  const [role, setRole] = useState<Role>('authorized_user');
  const [sent, setSent] = useState<{ invitationId: string; name: string } | undefined>();
  const followed = useFollowInvitation(sent?.invitationId);

  if (notARepresentative(users.error) || notARepresentative(contacts.error)) return <OnlyRepresentatives />;

  const me = workspace.membership?.membershipId;
  const partner = workspace.partner.partnerName ?? workspace.partner.partnerNo;
  const mutation = pending ? (pending.kind === 'role' ? actions.changeRole : actions[pending.kind]) : undefined;
  const open = (next: Pending) => {
    actions.changeRole.reset();
    actions.deactivate.reset();
    actions.reactivate.reset();
    setPending(next);
  };
  const confirm = () => {
    if (!pending) return;
    const done = { onSuccess: () => setPending(undefined) };
    if (pending.kind === 'role')
      actions.changeRole.mutate({ membershipId: pending.user.membershipId, role: pending.role }, done);
    else actions[pending.kind].mutate(pending.user.membershipId, done);
  };
  const startInvite = (contact: PartnerContact) => {
    invite.reset();
    setRole(contact.erpPortalRole ?? 'authorized_user');
    setInviting(contact);
  };
  const sendInvite = () => {
    if (!inviting) return;
    invite.mutate(
      { contactNo: inviting.contactNo, role },
      {
        onSuccess: (invitation) => {
          setSent({ invitationId: invitation.invitationId, name: inviting.name });
          setInviting(undefined);
        },
      },
    );
  };

  const nameOf = (u: Colleague) => u.displayName ?? u.email;
  const userColumns: Column<Colleague>[] = [
    {
      id: 'person',
      header: t('colleagues.person'),
      cell: (u) => (
        <div>
          <div>
            {nameOf(u)}
            {u.membershipId === me ? ` (${t('colleagues.you')})` : ''}
          </div>
          <Text size={200}>{u.email}</Text>
        </div>
      ),
    },
    { id: 'contact', header: t('colleagues.contactNo'), cell: (u) => u.contactNo },
    {
      id: 'role',
      header: t('common.role'),
      cell: (u) => (
        <RoleDropdown
          className={styles.role}
          label={t('colleagues.roleOf', { name: nameOf(u) })}
          role={u.role}
          disabled={u.status !== 'active'}
          onChange={(role) => open({ kind: 'role', user: u, role })}
        />
      ),
    },
    { id: 'status', header: t('colleagues.status'), cell: (u) => <MembershipStanding {...u} /> },
    { id: 'since', header: t('colleagues.since'), cell: (u) => format.date(u.createdAt) },
    {
      id: 'actions',
      header: t('common.actions'),
      cell: (u) =>
        u.status === 'active' ? (
          <Button
            aria-label={t('colleagues.deactivateNamed', { name: nameOf(u) })}
            onClick={() => open({ kind: 'deactivate', user: u })}
          >
            {t('colleagues.deactivate')}
          </Button>
        ) : u.status === 'reactivating' ? null : u.deactivationReason !== 'partner_admin' ? (
          // The company took this access away; only its administrator gives it back (the API refuses a partner).
          <Text>{t('colleagues.companyDeactivated')}</Text>
        ) : (
          <Button
            aria-label={t('colleagues.reactivateNamed', { name: nameOf(u) })}
            onClick={() => open({ kind: 'reactivate', user: u })}
          >
            {t('colleagues.reactivate')}
          </Button>
        ),
    },
  ];

  const contactAction = (c: PartnerContact) => {
    if (c.portalStatus === 'not_invited') {
      if (!c.email) return <Text>{t('colleagues.noEmail')}</Text>;
      return (
        <Button
          appearance="primary"
          onClick={() => startInvite(c)}
          aria-label={t('colleagues.inviteNamed', { name: c.name })}
        >
          {t('colleagues.invite')}
        </Button>
      );
    }
    return <Text>{t(`colleagues.standingHint.${c.portalStatus}`)}</Text>;
  };
  const contactColumns: Column<PartnerContact>[] = [
    {
      id: 'name',
      header: t('common.name'),
      cell: (c) => (
        <div>
          <div>{c.name}</div>
          <Text size={200}>{c.email ?? ''}</Text>
        </div>
      ),
    },
    { id: 'contact', header: t('colleagues.contactNo'), cell: (c) => c.contactNo },
    { id: 'standing', header: t('colleagues.standing'), cell: (c) => <PortalStatusBadge status={c.portalStatus} /> },
    { id: 'action', header: t('common.actions'), cell: contactAction },
  ];

  const invitationColumns: Column<ColleagueInvitation>[] = [
    {
      id: 'contact',
      header: t('colleagues.person'),
      cell: (i) => (
        <div>
          <div>{i.contactName}</div>
          <Text size={200}>{i.email}</Text>
        </div>
      ),
    },
    { id: 'role', header: t('common.role'), cell: (i) => t(`role.${i.role}`) },
    {
      id: 'status',
      header: t('colleagues.status'),
      cell: (i) => (
        <div className={styles.status}>
          <InvitationStatusBadge invitation={i} />
          {i.status === 'rejected' && i.rejectionReason ? (
            <Text as="p" size={200}>
              {t(`colleagues.refused.${i.rejectionReason}`, { company: workspace.partner.companyId })}
            </Text>
          ) : null}
        </div>
      ),
    },
    { id: 'by', header: t('colleagues.invitedBy'), cell: (i) => t(`colleagues.requestedBy.${i.requestedBy}`) },
    { id: 'created', header: t('colleagues.invitedOn'), cell: (i) => format.dateTime(i.createdAt) },
  ];

  const who = pending ? nameOf(pending.user) : '';
  return (
    <Stack>
      <PageHeader title={t('colleagues.title')} subtitle={t('colleagues.subtitle', { partner })} />
      {sent ? (
        <InviteOutcome name={sent.name} invitation={followed.data} company={workspace.partner.companyId} />
      ) : null}

      <Section title={t('colleagues.users.title')}>
        <ProblemMessage error={users.error} />
        <DataTable
          caption={t('colleagues.users.title')}
          columns={userColumns}
          rows={users.data?.items}
          loading={users.isPending}
          rowKey={(u) => u.membershipId}
          empty={<EmptyState title={t('colleagues.users.none')} />}
        />
        {users.data && users.data.total > users.data.pageSize ? (
          <Pager
            page={state.usersPage}
            pageSize={users.data.pageSize}
            total={users.data.total}
            onPage={(usersPage) => update({ usersPage }, { keepPage: true })}
          />
        ) : null}
      </Section>

      <Section title={t('colleagues.contacts.title')}>
        <Text>{t('colleagues.contacts.intro', { partner })}</Text>
        <Row>
          <Field label={t('common.search')} className={styles.search}>
            <Input
              type="search"
              value={search}
              onChange={(_, d) => setSearch(d.value)}
              placeholder={t('colleagues.contacts.searchPlaceholder')}
            />
          </Field>
          <ChoiceFilter
            label={t('colleagues.standing')}
            value={state.standing}
            values={STANDINGS}
            text={(standing) => t(`contact.portalStatus.${standing}`)}
            onChange={(standing) => update({ standing, contactsPage: undefined }, { keepPage: true })}
          />
        </Row>
        <ProblemMessage error={contacts.error} />
        <DataTable
          caption={t('colleagues.contacts.title')}
          columns={contactColumns}
          rows={contacts.data?.items}
          loading={contacts.isPending}
          rowKey={(c) => c.contactNo}
          empty={<EmptyState title={t('colleagues.contacts.none')} text={t('colleagues.contacts.noneText')} />}
        />
        {contacts.data && contacts.data.total > contacts.data.pageSize ? (
          <Pager
            page={state.contactsPage}
            pageSize={contacts.data.pageSize}
            total={contacts.data.total}
            onPage={(contactsPage) => update({ contactsPage }, { keepPage: true })}
          />
        ) : null}
      </Section>

      <Section title={t('colleagues.invitations.title')}>
        <ProblemMessage error={invitations.error} />
        <DataTable
          caption={t('colleagues.invitations.title')}
          columns={invitationColumns}
          rows={invitations.data?.items}
          loading={invitations.isPending}
          rowKey={(i) => i.invitationId}
          empty={<EmptyState title={t('colleagues.invitations.none')} />}
        />
      </Section>

      <Dialog open={Boolean(inviting)} onOpenChange={(_, data) => !data.open && setInviting(undefined)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{t('colleagues.dialog.title', { name: inviting?.name ?? '' })}</DialogTitle>
            <DialogContent>
              <Stack>
                <Text as="p">
                  {t('colleagues.dialog.text', { email: inviting?.email ?? '', company: workspace.partner.companyId })}
                </Text>
                <Field label={t('colleagues.dialog.role')}>
                  <RadioGroup value={role} onChange={(_, data) => setRole(data.value as Role)}>
                    {ROLES.map((r) => (
                      <Radio key={r} value={r} label={`${t(`role.${r}`)}: ${t(`colleagues.roleHelp.${r}`)}`} />
                    ))}
                  </RadioGroup>
                </Field>
                <ProblemMessage error={invite.error} />
              </Stack>
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={() => setInviting(undefined)}>
                {t('common.cancel')}
              </Button>
              <Button appearance="primary" onClick={sendInvite} disabled={invite.isPending}>
                {t('colleagues.dialog.send')}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>

      <ConfirmDialog
        open={Boolean(pending)}
        title={
          pending?.kind === 'role'
            ? t('colleagues.roleTitle', { name: who })
            : pending?.kind === 'deactivate'
              ? t('colleagues.deactivateTitle', { name: who })
              : t('colleagues.reactivateTitle', { name: who })
        }
        confirmLabel={
          pending?.kind === 'role'
            ? t('colleagues.changeRole')
            : pending?.kind === 'deactivate'
              ? t('colleagues.deactivate')
              : t('colleagues.reactivate')
        }
        busy={mutation?.isPending}
        error={mutation?.error}
        onCancel={() => setPending(undefined)}
        onConfirm={confirm}
      >
        <Text as="p">
          {pending?.kind === 'role'
            ? t('colleagues.roleText', { name: who, role: t(`role.${pending.role}`) })
            : pending?.kind === 'deactivate'
              ? t('colleagues.deactivateText', { name: who })
              : t('colleagues.reactivateText', { name: who })}
        </Text>
      </ConfirmDialog>
    </Stack>
  );
}

/**
 * What became of the invitation just sent: the API answers before licensing decides, so it is followed until it is
 * sent, or refused (no license left: the company's administrator must add licenses).
 */
function InviteOutcome({
  name,
  invitation,
  company,
}: {
  name: string;
  invitation: ColleagueInvitation | undefined;
  company: string;
}) {
  const { t } = useTranslation();
  if (!invitation || invitation.status === 'pending_license') {
    return (
      <MessageBar intent="info" role="status">
        <MessageBarBody>
          <MessageBarTitle>{name}</MessageBarTitle>
          <Spinner size="extra-tiny" label={t('colleagues.outcome.pending')} labelPosition="after" />
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (invitation.status === 'rejected') {
    return (
      <MessageBar intent="error" role="alert" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{t('colleagues.outcome.refusedTitle', { name })}</MessageBarTitle>
          {t(`colleagues.refused.${invitation.rejectionReason ?? 'no_license_available'}`, { company })}
        </MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <MessageBar intent={invitation.status === 'email_failed' ? 'error' : 'success'} role="status" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{name}</MessageBarTitle>
        {t(`colleagues.outcome.${invitation.status}`, { email: invitation.email, company })}
      </MessageBarBody>
    </MessageBar>
  );
}
