import { Button, Field, Input, Text, makeStyles } from '@fluentui/react-components';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod/mini';
import { api, call } from '../../api/client';
import { ChoiceFilter, PARTNER_TYPES } from '../../ui/choice-filter';
import { DataTable, Pager, type Column } from '../../ui/data-table';
import { useDebounced } from '../../ui/debounce';
import { EmptyState } from '../../ui/empty-state';
import { useListState } from '../../ui/list-state';
import { PageHeader, Row, Stack } from '../../ui/page';
import { ProblemMessage } from '../../ui/problem-message';
import { useTenantId } from '../admin/admin-layout';
import { useCompanies, useEnvironments, type Partner } from '../invitations/directory-hooks';
import { EnvironmentAndCompany } from '../invitations/partner-choice';
import { adminPartnerPath } from './workspace';

const PAGE_SIZE = 20;

/** The choice in the URL: a reload or a shared link shows the same partners. */
const listState = z.object({
  environment: z.catch(z.optional(z.string().check(z.maxLength(50))), undefined),
  companyId: z.catch(z.optional(z.string().check(z.maxLength(64))), undefined),
  partnerType: z.catch(z.optional(z.enum(PARTNER_TYPES)), undefined),
  search: z.catch(z.optional(z.string().check(z.maxLength(100))), undefined),
  page: z.catch(z.coerce.number().check(z.int(), z.minimum(1)), 1),
});

const useStyles = makeStyles({ field: { minWidth: '14rem' } });

const LAST_CHOICE = 'partner-picker.last-choice';

/** The environment and company last chosen in this tab (session storage: gone with the tab, like the sign-in). */
function lastChoice(): { environment: string; companyId?: string } | undefined {
  try {
    const value = JSON.parse(sessionStorage.getItem(LAST_CHOICE) ?? 'null') as unknown;
    if (value && typeof value === 'object' && typeof (value as { environment?: unknown }).environment === 'string') {
      const { environment, companyId } = value as { environment: string; companyId?: unknown };
      return { environment, ...(typeof companyId === 'string' ? { companyId } : {}) };
    }
  } catch {
    // A value this page did not write: start afresh.
  }
  return undefined;
}

function rememberChoice(choice: { environment: string; companyId?: string }): void {
  sessionStorage.setItem(LAST_CHOICE, JSON.stringify(choice));
}

/** One page of a company's partners, searched on the server (a company may have thousands). */
function usePartnerPage(
  tenantId: string,
  scope: { environment?: string; companyId?: string },
  filter: { search?: string; partnerType?: Partner['partnerType']; page: number },
) {
  return useQuery({
    queryKey: ['directory', tenantId, 'partner-page', scope, filter],
    queryFn: () =>
      call(
        api.GET('/api/admin/tenants/{tenantId}/environments/{environment}/companies/{companyId}/partners', {
          params: {
            path: { tenantId, environment: scope.environment ?? '', companyId: scope.companyId ?? '' },
            query: {
              page: filter.page,
              pageSize: PAGE_SIZE,
              ...(filter.search ? { search: filter.search } : {}),
              ...(filter.partnerType ? { type: filter.partnerType } : {}),
            },
          },
        }),
      ),
    enabled: Boolean(scope.environment && scope.companyId),
    placeholderData: keepPreviousData,
  });
}

/**
 * Where an administrator chooses whose portal to look at: environment, company, partner type and partner (searched
 * and paged on the server). Opening one shows that partner's own pages, read-only.
 */
export function PartnerPickerPage() {
  const { t } = useTranslation();
  const styles = useStyles();
  const tenantId = useTenantId();
  const [state, update] = useListState(listState);
  const environments = useEnvironments(tenantId);
  const companies = useCompanies(tenantId, state.environment);
  const [search, setSearch] = useState(state.search ?? '');
  const settledSearch = useDebounced(search.trim(), 300);
  useEffect(() => {
    if (settledSearch !== (state.search ?? '')) update({ search: settledSearch || undefined }, { replace: true });
  }, [settledSearch]); // eslint-disable-line react-hooks/exhaustive-deps
  // Coming back to choose another partner starts where the last choice was; with one environment or one company
  // there is nothing to choose: take it.
  useEffect(() => {
    if (state.environment || !environments.data) return;
    const last = lastChoice();
    if (last && environments.data.some((e) => e.environment === last.environment)) {
      update({ environment: last.environment, companyId: last.companyId }, { replace: true });
    } else if (environments.data.length === 1) {
      update({ environment: environments.data[0].environment }, { replace: true });
    }
  }, [environments.data]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (state.environment) rememberChoice({ environment: state.environment, companyId: state.companyId });
  }, [state.environment, state.companyId]);
  useEffect(() => {
    const only = companies.data?.length === 1 ? companies.data[0].companyId : undefined;
    if (state.environment && !state.companyId && only) update({ companyId: only }, { replace: true });
  }, [companies.data]); // eslint-disable-line react-hooks/exhaustive-deps
  const partners = usePartnerPage(
    tenantId,
    { environment: state.environment, companyId: state.companyId },
    { search: state.search, partnerType: state.partnerType, page: state.page },
  );

  const columns: Column<Partner>[] = [
    { id: 'number', header: t('partnerPicker.number'), cell: (p) => p.partnerNo },
    { id: 'name', header: t('common.name'), cell: (p) => p.name },
    { id: 'type', header: t('partnerPicker.type'), cell: (p) => t(`partnerType.${p.partnerType}`) },
    { id: 'users', header: t('partnerPicker.portalUsers'), cell: (p) => String(p.portalUsers) },
    {
      id: 'open',
      header: t('common.actions'),
      cell: (p) => (
        <Link
          to={adminPartnerPath(tenantId, {
            environment: state.environment ?? '',
            companyId: state.companyId ?? '',
            partnerType: p.partnerType,
            partnerNo: p.partnerNo,
          })}
          aria-label={t('partnerPicker.openLabel', { partner: `${p.partnerNo} ${p.name}` })}
        >
          {t('partnerPicker.open')}
        </Link>
      ),
    },
  ];

  const chosen = Boolean(state.environment && state.companyId);
  const filtered = Boolean(state.search || state.partnerType);
  return (
    <Stack>
      <PageHeader title={t('partnerPicker.title')} subtitle={t('partnerPicker.subtitle')} />
      <Row>
        <EnvironmentAndCompany
          environments={environments.data}
          companies={companies.data}
          environment={state.environment}
          companyId={state.companyId}
          environmentPlaceholder={t('partnerPicker.chooseEnvironment')}
          companyPlaceholder={t('partnerPicker.chooseCompany')}
          className={styles.field}
          onEnvironment={(environment) => update({ environment, companyId: undefined })}
          onCompany={(companyId) => update({ companyId })}
        />
        <ChoiceFilter
          label={t('partnerPicker.type')}
          className={styles.field}
          disabled={!chosen}
          value={state.partnerType}
          values={PARTNER_TYPES}
          text={(type) => t(`partnerType.${type}`)}
          onChange={(partnerType) => update({ partnerType })}
        />
        <Field label={t('partnerPicker.search')} className={styles.field}>
          <Input
            type="search"
            value={search}
            disabled={!chosen}
            onChange={(_, data) => setSearch(data.value)}
            placeholder={t('partnerPicker.searchPlaceholder')}
          />
        </Field>
      </Row>
      <ProblemMessage error={environments.error ?? companies.error ?? partners.error} />
      {chosen ? (
        <>
          <DataTable
            caption={t('partnerPicker.partners')}
            columns={columns}
            rows={partners.data?.items}
            loading={partners.isFetching}
            rowKey={(p) => `${p.partnerType}|${p.partnerNo}`}
            empty={
              filtered ? (
                <EmptyState
                  title={t('partnerPicker.noMatch')}
                  text={t('partnerPicker.noMatchText')}
                  action={
                    <Button
                      onClick={() => {
                        setSearch('');
                        update({ search: undefined, partnerType: undefined });
                      }}
                    >
                      {t('partnerPicker.clear')}
                    </Button>
                  }
                />
              ) : (
                <EmptyState title={t('partnerPicker.none')} text={t('partnerPicker.noneText')} />
              )
            }
          />
          {partners.data && partners.data.total > PAGE_SIZE ? (
            <Pager
              page={state.page}
              pageSize={PAGE_SIZE}
              total={partners.data.total}
              onPage={(page) => update({ page }, { keepPage: true })}
            />
          ) : null}
        </>
      ) : (
        <EmptyState
          title={t('partnerPicker.chooseFirst')}
          text={
            environments.data && environments.data.length === 0
              ? t('partnerPicker.noEnvironments')
              : t('partnerPicker.chooseFirstText')
          }
        />
      )}
      <Text size={200}>{t('partnerPicker.readOnlyNote')}</Text>
    </Stack>
  );
}
