import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { z } from 'zod/mini';
import { DataTable, PagerOf, type Column } from '../../ui/data-table';
import { EmptyState } from '../../ui/empty-state';
import { pageParam, useListState } from '../../ui/list-state';
import { PageHeader, Section, Stack } from '../../ui/page';
import { ProblemMessage } from '../../ui/problem-message';
import { useWorkspace } from '../workspace/workspace';
import { useQuantity, useStock, type Stock, type StockRow } from './stock-hooks';
import { notA3plCustomer, StockIsFor3plCustomers } from './stock-page';

const listState = z.object({ page: pageParam });

/**
 * What is on one license plate (pallet): each item and lot with its quantity, where it is (a page at a time, as every
 * list; a pallet rarely fills one), and the totals.
 */
export function LicensePlatePage() {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const quantity = useQuantity();
  const licensePlate = useParams().licensePlate ?? '';
  const [state, update] = useListState(listState);
  const stock = useStock({ licensePlate, page: state.page });
  if (!workspace.may.seeStock || notA3plCustomer(stock.error)) return <StockIsFor3plCustomers />;

  const places = [
    ...new Set((stock.data?.items ?? []).map((r) => (r.binCode ? `${r.locationCode} / ${r.binCode}` : r.locationCode))),
  ];
  const columns: Column<StockRow>[] = [
    { id: 'item', header: t('stock.item'), cell: (r) => r.itemNo },
    { id: 'description', header: t('stock.description'), cell: (r) => r.description ?? '' },
    { id: 'lot', header: t('stock.lot'), cell: (r) => r.lotNo ?? '—' },
    { id: 'serial', header: t('stock.serial'), cell: (r) => r.serialNo ?? '—' },
    { id: 'location', header: t('stock.location'), cell: (r) => r.locationCode },
    { id: 'bin', header: t('stock.bin'), cell: (r) => r.binCode ?? '—' },
    { id: 'quantity', header: t('stock.quantity'), cell: (r) => quantity(r.quantity, r.unitCode) },
  ];
  const totals: Column<Stock['totals'][number]>[] = [
    { id: 'item', header: t('stock.item'), cell: (r) => r.itemNo },
    { id: 'quantity', header: t('stock.quantity'), cell: (r) => quantity(r.quantity, r.unitCode) },
  ];
  const back = <Link to={workspace.to('stock')}>{t('stock.backToStock')}</Link>;
  return (
    <Stack>
      <PageHeader
        title={t('stock.plate.title', { licensePlate })}
        subtitle={places.length > 0 ? t('stock.plate.where', { places: places.join(', ') }) : undefined}
        actions={back}
      />
      <ProblemMessage error={stock.error} />
      <Section title={t('stock.plate.contents')}>
        <DataTable
          caption={t('stock.plate.contents')}
          columns={columns}
          rows={stock.data?.items}
          loading={stock.isPending}
          rowKey={(r) => [r.itemNo, r.locationCode, r.binCode, r.lotNo, r.serialNo, r.unitCode].join('|')}
          empty={<EmptyState title={t('stock.plate.empty')} text={t('stock.plate.emptyText')} />}
        />
        <PagerOf
          page={state.page}
          of={stock.data}
          onPage={(page) => update({ page }, { keepPage: true })}
          onlyWhenSeveral
        />
      </Section>
      {stock.data && stock.data.total > 0 ? (
        <Section title={t('stock.totalsPerItem')}>
          <DataTable
            caption={t('stock.plate.totals', { licensePlate })}
            columns={totals}
            rows={stock.data.totals}
            rowKey={(r) => `${r.itemNo}|${r.unitCode}`}
            empty={null}
          />
        </Section>
      ) : null}
    </Stack>
  );
}
