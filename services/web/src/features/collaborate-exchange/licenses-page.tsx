import { Dropdown, Option, Field } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { DataTable, Pager } from '../../ui/data-table';
import { EmptyState } from '../../ui/empty-state';
import { useFormat } from '../../ui/format';
import { useListState } from '../../ui/list-state';
import { PageHeader, Section, Stack } from '../../ui/page';
import { ProblemMessage } from '../../ui/problem-message';
import { useTenantId } from '../admin/admin-layout';
import { useLedger, usePurchases } from './licensing-hooks';

const KINDS = ['purchase', 'reservation', 'consumption', 'release', 'cancellation'] as const;

const ledgerState = z.object({
  page: z.catch(z.coerce.number().check(z.int(), z.minimum(1)), 1),
  kind: z.catch(z.optional(z.enum(KINDS)), undefined),
});

/** Purchases, newest first. */
export function RecentPurchases({
  tenantId,
  page = 1,
  onPage,
}: {
  tenantId: string;
  page?: number;
  onPage?(page: number): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const purchases = usePurchases(tenantId, page);
  return (
    <Section title={t('licenses.purchases')}>
      <ProblemMessage error={purchases.error} />
      <DataTable
        caption={t('licenses.purchases')}
        rows={purchases.data?.items}
        loading={purchases.isPending}
        rowKey={(p) => p.purchaseId}
        empty={<EmptyState title={t('licenses.noPurchases')} text={t('licenses.noPurchasesText')} />}
        columns={[
          { id: 'orderNo', header: t('licenses.orderNo'), cell: (p) => p.orderNo },
          { id: 'date', header: t('licenses.date'), cell: (p) => format.dateTime(p.purchasedAt) },
          { id: 'quantity', header: t('licenses.quantity'), cell: (p) => format.number(p.quantity) },
          { id: 'amount', header: t('licenses.amount'), cell: (p) => format.money(p.amount, p.currencyCode) },
        ]}
      />
      {onPage && purchases.data ? (
        <Pager page={page} pageSize={purchases.data.pageSize} total={purchases.data.total} onPage={onPage} />
      ) : null}
    </Section>
  );
}

/** Purchases and every change to the pool (the ledger), with the kind filter kept in the URL. */
export function LicensesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const tenantId = useTenantId();
  const [state, update] = useListState(ledgerState);
  const ledger = useLedger(tenantId, state.page, state.kind);
  const signed = (n: number) => (n > 0 ? `+${format.number(n)}` : n < 0 ? format.number(n) : '');
  return (
    <Stack>
      <PageHeader title={t('licenses.title')} />
      <RecentPurchases tenantId={tenantId} />
      <Section title={t('licenses.ledger')}>
        <Field label={t('licenses.kind')}>
          <Dropdown
            value={state.kind ? t(`ledgerKind.${state.kind}`) : t('common.all')}
            selectedOptions={[state.kind ?? '']}
            onOptionSelect={(_, data) => update({ kind: (data.optionValue || undefined) as never })}
          >
            <Option value="">{t('common.all')}</Option>
            {KINDS.map((kind) => (
              <Option key={kind} value={kind}>
                {t(`ledgerKind.${kind}`)}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <ProblemMessage error={ledger.error} />
        <DataTable
          caption={t('licenses.ledger')}
          rows={ledger.data?.items}
          loading={ledger.isPending}
          rowKey={(e) => e.entryId}
          empty={<EmptyState title={t('licenses.noLedger')} />}
          columns={[
            { id: 'when', header: t('licenses.date'), cell: (e) => format.dateTime(e.occurredAt) },
            { id: 'kind', header: t('licenses.kind'), cell: (e) => t(`ledgerKind.${e.kind}`) },
            {
              id: 'purchased',
              header: t('licenses.purchased'),
              cell: (e) => `${format.number(e.purchased)} ${signed(e.purchasedDelta)}`,
            },
            {
              id: 'reserved',
              header: t('licenses.reserved'),
              cell: (e) => `${format.number(e.reserved)} ${signed(e.reservedDelta)}`,
            },
            {
              id: 'consumed',
              header: t('licenses.consumed'),
              cell: (e) => `${format.number(e.consumed)} ${signed(e.consumedDelta)}`,
            },
            { id: 'holder', header: t('licenses.holder'), cell: (e) => e.holderKey ?? '' },
          ]}
        />
        {ledger.data ? (
          <Pager
            page={state.page}
            pageSize={ledger.data.pageSize}
            total={ledger.data.total}
            onPage={(page) => update({ page })}
          />
        ) : null}
      </Section>
    </Stack>
  );
}
