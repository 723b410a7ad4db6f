import {
  Body1,
  Button,
  Checkbox,
  Combobox,
  Dropdown,
  Field,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Pager } from '../../ui/data-table';
import { useDebounced } from '../../ui/debounce';
import { PageHeader, Row, Section, Stack } from '../../ui/page';
import { ProblemMessage } from '../../ui/problem-message';
import { PortalStatusBadge } from '../../ui/status-badge';
import { useTenantId } from '../admin/admin-layout';
import { useOverview } from '../collaborate-exchange/licensing-hooks';
import {
  useCompanies,
  useContacts,
  useEnvironments,
  usePartners,
  type Contact,
  type PartnerTypeValue,
} from './directory-hooks';
import { useBulkInvite, type InviteRow } from './invitation-hooks';
import { InviteResults } from './invite-results';
import { EnvironmentAndCompany } from './partner-choice';
import { ChoiceFilter, PARTNER_TYPES } from '../../ui/choice-filter';

const ROLES = ['authorized_user', 'customer_representative'] as const;

const useStyles = makeStyles({
  field: { minWidth: '14rem' },
  partner: { minWidth: '24rem' },
  note: { color: tokens.colorNeutralForeground3 },
});

/** Why a contact cannot be invited, before anyone tries (the API would refuse with the same code). */
export function contactRefusal(
  contact: Contact,
): 'contact_without_email' | 'already_portal_user' | 'invitation_open' | undefined {
  if (!contact.email) return 'contact_without_email';
  if (contact.portalStatus === 'portal_user') return 'already_portal_user';
  if (contact.portalStatus === 'invited') return 'invitation_open';
  return undefined;
}

/**
 * Invite: environment, company, a partner found by search, then one or several of its ERP contacts with a role.
 * A dry run says how many licenses it takes; after sending, each row shows what licensing decided.
 */
export function InvitePage() {
  const styles = useStyles();
  const { t } = useTranslation();
  const tenantId = useTenantId();
  const [params, setParams] = useSearchParams();
  const environment = params.get('environment') ?? undefined;
  const companyId = params.get('company') ?? undefined;
  const partnerType = (params.get('partnerType') ?? undefined) as PartnerTypeValue | undefined;
  const partnerNo = params.get('partner') ?? undefined;
  const typeFilter = (params.get('type') ?? undefined) as PartnerTypeValue | undefined;
  const choose = (changes: Record<string, string | undefined>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      return next;
    });

  const environments = useEnvironments(tenantId);
  const companies = useCompanies(tenantId, environment);
  const [search, setSearch] = useState('');
  const debouncedSearch = useDebounced(search.trim(), 250);
  const [pageSize, setPageSize] = useState(20);
  const partners = usePartners(
    tenantId,
    { environment, companyId },
    { search: debouncedSearch, type: typeFilter, pageSize },
  );
  const [contactsPage, setContactsPage] = useState(1);
  const contacts = useContacts(tenantId, { environment, companyId, partnerType, partnerNo }, contactsPage);
  const overview = useOverview(tenantId);
  const bulk = useBulkInvite(tenantId);
  // Chosen contacts by number, kept while the person pages through a large partner's contacts.
  const [selected, setSelected] = useState<Record<string, Contact>>({});
  const [roles, setRoles] = useState<Record<string, (typeof ROLES)[number]>>({});
  const [sent, setSent] = useState<{ rows: InviteRow[]; contacts: Contact[] } | undefined>();

  const partner = partners.data?.items.find((p) => p.partnerType === partnerType && p.partnerNo === partnerNo);
  const partnerRefusal = partner?.blocked
    ? 'partner_blocked'
    : partner && !partner.portalEnabled
      ? 'partner_not_portal_enabled'
      : undefined;
  const chosen = useMemo(() => Object.values(selected).filter((c) => !contactRefusal(c)), [selected]);
  const rowsOf = (list: Contact[]): InviteRow[] =>
    list.map((c) => ({
      environment: environment ?? '',
      companyId: companyId ?? '',
      partnerType: partnerType ?? 'customer',
      partnerNo: partnerNo ?? '',
      contactNo: c.contactNo,
      role: roles[c.contactNo] ?? (c.erpPortalRole as (typeof ROLES)[number] | null) ?? 'authorized_user',
    }));
  const send = (dryRun: boolean) => {
    const rows = rowsOf(chosen);
    bulk.mutate(
      { invitations: rows, dryRun },
      {
        onSuccess: (answer) => {
          if (!answer.dryRun) {
            setSent({ rows, contacts: chosen });
            setSelected({});
          }
        },
      },
    );
  };

  const partnerLabel = (p: { partnerNo: string; name: string; partnerType: string }) =>
    `${p.partnerNo} ${p.name} (${t(`partnerType.${p.partnerType}`)})`;
  const dryRun = bulk.data?.dryRun ? bulk.data : undefined;
  const available = overview.data?.pool.available;

  return (
    <Stack>
      <PageHeader title={t('invite.title')} subtitle={t('invite.subtitle')} />
      <Section title={t('invite.whom')}>
        <Row>
          <EnvironmentAndCompany
            environments={environments.data}
            companies={companies.data}
            environment={environment}
            companyId={companyId}
            environmentPlaceholder={t('invite.chooseEnvironment')}
            companyPlaceholder={t('invite.chooseCompany')}
            className={styles.field}
            onEnvironment={(value) =>
              choose({ environment: value, company: undefined, partner: undefined, partnerType: undefined })
            }
            onCompany={(value) => choose({ company: value, partner: undefined, partnerType: undefined })}
          />
          <ChoiceFilter
            label={t('invite.partnerType')}
            className={styles.field}
            disabled={!companyId}
            value={typeFilter}
            values={PARTNER_TYPES}
            text={(type) => t(`partnerType.${type}`)}
            onChange={(type) => choose({ type })}
          />
          <Field
            label={t('invite.partner')}
            className={styles.partner}
            hint={partners.data ? t('invite.partnersFound', { count: partners.data.total }) : undefined}
          >
            <Combobox
              disabled={!companyId}
              placeholder={t('invite.searchPartner')}
              value={search || (partner ? partnerLabel(partner) : '')}
              onInput={(event) => setSearch((event.target as HTMLInputElement).value)}
              selectedOptions={partnerNo && partnerType ? [`${partnerType}/${partnerNo}`] : []}
              onOptionSelect={(_, data) => {
                if (data.optionValue === '__more') {
                  setPageSize((size) => size + 20);
                  return;
                }
                const [type, no] = (data.optionValue ?? '').split('/');
                setSearch('');
                setSelected({});
                setContactsPage(1);
                bulk.reset();
                setSent(undefined);
                choose({ partnerType: type, partner: no });
              }}
            >
              {(partners.data?.items ?? []).map((p) => (
                <Option
                  key={`${p.partnerType}/${p.partnerNo}`}
                  value={`${p.partnerType}/${p.partnerNo}`}
                  text={partnerLabel(p)}
                >
                  {partnerLabel(p)}
                </Option>
              ))}
              {partners.data && partners.data.total > partners.data.items.length ? (
                <Option value="__more" text={t('invite.morePartners')}>
                  {t('invite.morePartners')}
                </Option>
              ) : null}
            </Combobox>
          </Field>
        </Row>
        <ProblemMessage error={environments.error ?? companies.error ?? partners.error} />
        {environments.data?.length === 0 ? <Body1 as="p">{t('invite.noEnvironments')}</Body1> : null}
      </Section>

      {partnerNo && partnerType ? (
        <Section title={t('invite.contacts', { partner: partner ? partnerLabel(partner) : `${partnerNo}` })}>
          {partnerRefusal ? (
            <MessageBar intent="warning">
              <MessageBarBody>
                <MessageBarTitle>{t('invite.cannotInvitePartner')}</MessageBarTitle>
                {t(`problem.code.${partnerRefusal}`)}
              </MessageBarBody>
            </MessageBar>
          ) : null}
          <ProblemMessage error={contacts.error} />
          {contacts.isPending ? <Spinner label={t('common.loading')} /> : null}
          {contacts.data && contacts.data.items.length === 0 ? <Body1 as="p">{t('invite.noContacts')}</Body1> : null}
          {contacts.data && contacts.data.items.length > 0 ? (
            <Table size="small">
              <caption className="visually-hidden">{t('invite.contactsCaption')}</caption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell style={{ width: '3rem' }}>
                    <span className="visually-hidden">{t('invite.select')}</span>
                  </TableHeaderCell>
                  <TableHeaderCell>{t('common.name')}</TableHeaderCell>
                  <TableHeaderCell>{t('common.email')}</TableHeaderCell>
                  <TableHeaderCell>{t('invite.portalStatus')}</TableHeaderCell>
                  <TableHeaderCell style={{ width: '14rem' }}>{t('common.role')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {contacts.data.items.map((c) => {
                  const refusal = contactRefusal(c);
                  const role =
                    roles[c.contactNo] ?? (c.erpPortalRole as (typeof ROLES)[number] | null) ?? 'authorized_user';
                  return (
                    <TableRow key={c.contactNo}>
                      <TableCell>
                        <Checkbox
                          checked={Boolean(selected[c.contactNo]) && !refusal}
                          disabled={Boolean(refusal || partnerRefusal)}
                          aria-label={t('invite.selectContact', { name: c.name })}
                          onChange={(_, data) =>
                            setSelected(({ [c.contactNo]: _unchecked, ...others }) =>
                              data.checked ? { ...others, [c.contactNo]: c } : others,
                            )
                          }
                        />
                      </TableCell>
                      <TableCell>
                        {c.name} <Text className={styles.note}>({c.contactNo})</Text>
                      </TableCell>
                      <TableCell>{c.email ?? <Text className={styles.note}>{t('invite.noEmail')}</Text>}</TableCell>
                      <TableCell>
                        <PortalStatusBadge status={c.portalStatus} />
                        {refusal ? <div className={styles.note}>{t(`problem.code.${refusal}`)}</div> : null}
                      </TableCell>
                      <TableCell>
                        <Dropdown
                          style={{ minWidth: 0, width: '13rem' }}
                          aria-label={t('invite.roleOf', { name: c.name })}
                          disabled={Boolean(refusal)}
                          value={t(`role.${role}`)}
                          selectedOptions={[role]}
                          onOptionSelect={(_, data) =>
                            setRoles((r) => ({ ...r, [c.contactNo]: data.optionValue as (typeof ROLES)[number] }))
                          }
                        >
                          {ROLES.map((r) => (
                            <Option key={r} value={r}>
                              {t(`role.${r}`)}
                            </Option>
                          ))}
                        </Dropdown>
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          ) : null}
          {contacts.data && contacts.data.total > contacts.data.pageSize ? (
            <Pager
              page={contacts.data.page}
              pageSize={contacts.data.pageSize}
              total={contacts.data.total}
              onPage={setContactsPage}
            />
          ) : null}
          <Row>
            <Button disabled={chosen.length === 0 || bulk.isPending} onClick={() => send(true)}>
              {t('invite.dryRun')}
            </Button>
            <Button appearance="primary" disabled={chosen.length === 0 || bulk.isPending} onClick={() => send(false)}>
              {t('invite.send', { count: chosen.length })}
            </Button>
            {available !== undefined ? <Text>{t('invite.available', { count: available })}</Text> : null}
          </Row>
          <ProblemMessage error={bulk.error} />
          {dryRun ? (
            <MessageBar
              intent={available !== undefined && dryRun.licensesNeeded > available ? 'warning' : 'info'}
              role="status"
            >
              <MessageBarBody>
                <MessageBarTitle>{t('invite.dryRunTitle')}</MessageBarTitle>
                {t('invite.dryRunSummary', {
                  count: dryRun.results.filter((r) => r.outcome === 'would_create').length,
                  licenses: dryRun.licensesNeeded,
                  available: available ?? 0,
                })}
                {dryRun.results
                  .filter((r) => r.outcome === 'refused')
                  .map((r) => (
                    <div key={r.index}>
                      {chosen[r.index]?.name}: {t(`problem.code.${r.code}`, { ...r, defaultValue: r.detail ?? '' })}
                    </div>
                  ))}
              </MessageBarBody>
              {available !== undefined && dryRun.licensesNeeded > available ? (
                <MessageBarActions>
                  <Link to={`/admin/${encodeURIComponent(tenantId)}`}>{t('invite.addLicenses')}</Link>
                </MessageBarActions>
              ) : null}
            </MessageBar>
          ) : null}
        </Section>
      ) : null}

      {sent && bulk.data && !bulk.data.dryRun ? (
        <InviteResults tenantId={tenantId} answer={bulk.data} contacts={sent.contacts} />
      ) : null}
    </Stack>
  );
}
