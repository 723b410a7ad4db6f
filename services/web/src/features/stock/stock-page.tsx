import { Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod/mini';
import { ApiProblem } from '../../api/problem';
import { DataTable, PagerOf, type Column } from '../../ui/data-table';
import { EmptyState } from '../../ui/empty-state';
import { definedParams, pageParam, useListState } from '../../ui/list-state';
import { PageHeader, Row, Section, Stack } from '../../ui/page';
import { ProblemMessage } from '../../ui/problem-message';
import { useWorkspace } from '../workspace/workspace';
import { STOCK_FILTERS, useQuantity, useStock, type Stock, type StockFilter, type StockRow } from './stock-hooks';

const code = z.catch(z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(20))), undefined);
const listState = z.object({
  itemNo: code,
  locationCode: code,
  binCode: code,
  licensePlate: code,
  lotNo: code,
  page: pageParam,
});

/** Stock rows a page shows (the totals always count every row). */
const PAGE_SIZE = 50;

const useStyles = makeStyles({
  totals: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(20rem, 1fr))',
    gap: tokens.spacingHorizontalXXL,
  },
  field: { minWidth: '10rem' },
});

/** Whether the API refused stock because the partner is not a 3PL customer. */
export const notA3plCustomer = (error: unknown) => error instanceof ApiProblem && error.code === 'not_a_3pl_customer';

/** Said instead of stock to a customer or vendor (also one who types the address). */
export function StockIsFor3plCustomers() {
  const { t } = useTranslation();
  return (
    <Stack>
      <PageHeader title={t('stock.title')} />
      <EmptyState title={t('stock.only3pl.title')} text={t('stock.only3pl.text')} />
    </Stack>
  );
}

/**
 * A 3PL customer's stock in the warehouse: filters and page kept in the URL, totals per item and per location over
 * every row, and the rows by item, location, bin, license plate and lot a page at a time; a license plate leads to
 * what is on it.
 */
export function StockPage() {
  const { t } = useTranslation();
  const styles = useStyles();
  const workspace = useWorkspace();
  const quantity = useQuantity();
  const [state, update] = useListState(listState);
  const filter = { ...definedParams(state), pageSize: PAGE_SIZE } as StockFilter;
  const stock = useStock(filter);
  if (!workspace.may.seeStock || notA3plCustomer(stock.error)) return <StockIsFor3plCustomers />;

  const apply = (values: Record<string, string>) =>
    update(Object.fromEntries(STOCK_FILTERS.map((name) => [name, values[name]?.trim() || undefined])));
  const clear = () => update(Object.fromEntries(STOCK_FILTERS.map((name) => [name, undefined])));
  const filtered = STOCK_FILTERS.some((name) => state[name]);
  const plate = (row: StockRow) =>
    row.licensePlate ? (
      <Link to={workspace.to(`stock/license-plates/${encodeURIComponent(row.licensePlate)}`)}>{row.licensePlate}</Link>
    ) : (
      '—'
    );
  const rows: Column<StockRow>[] = [
    { id: 'item', header: t('stock.item'), cell: (r) => r.itemNo },
    { id: 'description', header: t('stock.description'), cell: (r) => r.description ?? '' },
    { id: 'location', header: t('stock.location'), cell: (r) => r.locationCode },
    { id: 'bin', header: t('stock.bin'), cell: (r) => r.binCode ?? '—' },
    { id: 'plate', header: t('stock.licensePlate'), cell: plate },
    { id: 'lot', header: t('stock.lot'), cell: (r) => r.lotNo ?? '—' },
    { id: 'serial', header: t('stock.serial'), cell: (r) => r.serialNo ?? '—' },
    { id: 'quantity', header: t('stock.quantity'), cell: (r) => quantity(r.quantity, r.unitCode) },
  ];
  const itemTotals: Column<Stock['totals'][number]>[] = [
    { id: 'item', header: t('stock.item'), cell: (r) => r.itemNo },
    { id: 'description', header: t('stock.description'), cell: (r) => r.description ?? '' },
    { id: 'quantity', header: t('stock.quantity'), cell: (r) => quantity(r.quantity, r.unitCode) },
  ];
  const locationTotals: Column<Stock['locationTotals'][number]>[] = [
    { id: 'location', header: t('stock.location'), cell: (r) => r.locationCode },
    { id: 'quantity', header: t('stock.quantity'), cell: (r) => quantity(r.quantity, r.unitCode) },
  ];
  const empty = (
    <EmptyState
      title={filtered ? t('stock.noneFiltered') : t('stock.none')}
      text={filtered ? t('stock.noneFilteredText') : t('stock.noneText')}
    />
  );

  return (
    <Stack>
      <PageHeader
        title={t('stock.title')}
        subtitle={t('stock.subtitle', { partner: workspace.partner.partnerName ?? workspace.partner.partnerNo })}
      />
      {/* Keyed by the URL's filters: back and forward show them in the form again. */}
      <StockFilters key={STOCK_FILTERS.map((name) => state[name] ?? '').join('|')} initial={state} onApply={apply}>
        {filtered ? (
          <Button type="button" onClick={clear}>
            {t('stock.clear')}
          </Button>
        ) : null}
      </StockFilters>
      <ProblemMessage error={stock.error} />
      {stock.data && stock.data.total === 0 ? (
        empty
      ) : (
        <>
          <div className={styles.totals}>
            <Section title={t('stock.totalsPerItem')}>
              <DataTable
                caption={t('stock.totalsPerItem')}
                columns={itemTotals}
                rows={stock.data?.totals}
                loading={stock.isPending}
                rowKey={(r) => `${r.itemNo}|${r.unitCode}`}
                empty={empty}
              />
            </Section>
            <Section title={t('stock.totalsPerLocation')}>
              <DataTable
                caption={t('stock.totalsPerLocation')}
                columns={locationTotals}
                rows={stock.data?.locationTotals}
                loading={stock.isPending}
                rowKey={(r) => `${r.locationCode}|${r.unitCode}`}
                empty={empty}
              />
            </Section>
          </div>
          <Section title={t('stock.rows')}>
            <DataTable
              caption={t('stock.rows')}
              columns={rows}
              rows={stock.data?.items}
              loading={stock.isPending}
              rowKey={(r) =>
                [
                  r.partnerNo,
                  r.itemNo,
                  r.locationCode,
                  r.binCode,
                  r.licensePlate,
                  r.lotNo,
                  r.serialNo,
                  r.unitCode,
                ].join('|')
              }
              empty={empty}
            />
            <PagerOf
              page={state.page}
              of={stock.data}
              onPage={(page) => update({ page }, { keepPage: true })}
              onlyWhenSeveral
            />
          </Section>
        </>
      )}
    </Stack>
  );
}

/** The filter form: typed values stay here until the person asks to show them. */
function StockFilters({
  initial,
  onApply,
  children,
}: {
  initial: Partial<Record<(typeof STOCK_FILTERS)[number], string>>;
  onApply(values: Record<string, string>): void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [draft, setDraft] = useState<Record<string, string>>(() =>
    Object.fromEntries(STOCK_FILTERS.map((name) => [name, initial[name] ?? ''])),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  return (
    <form onSubmit={submit} aria-label={t('stock.filters')}>
      <Row>
        {STOCK_FILTERS.map((name) => (
          <Field key={name} label={t(`stock.filter.${name}`)} className={styles.field}>
            <Input
              value={draft[name] ?? ''}
              maxLength={20}
              onChange={(_, data) => setDraft((current) => ({ ...current, [name]: data.value }))}
            />
          </Field>
        ))}
        <Button type="submit" appearance="primary">
          {t('stock.show')}
        </Button>
        {children}
      </Row>
    </form>
  );
}
