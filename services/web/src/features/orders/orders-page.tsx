import { Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { Add24Regular, ArrowUpload24Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod/mini';
import { ChoiceFilter } from '../../ui/choice-filter';
import { DataTable, PagerOf, type Column } from '../../ui/data-table';
import { useDebounced } from '../../ui/debounce';
import { EmptyState } from '../../ui/empty-state';
import { useFormat } from '../../ui/format';
import { pageParam, useListState } from '../../ui/list-state';
import { PageHeader, Row, Stack } from '../../ui/page';
import { ProblemMessage } from '../../ui/problem-message';
import { useWorkspace } from '../workspace/workspace';
import { useOrders, type Order, type OrderStatus } from './order-hooks';
import { ButtonLink, OrderStatusBadge } from './order-parts';

const STATUSES: readonly OrderStatus[] = ['submitted', 'accepted', 'rejected'];

const listSchema = z.object({
  status: z.catch(z.optional(z.enum(['submitted', 'accepted', 'rejected'])), undefined),
  search: z.catch(z.optional(z.string().check(z.maxLength(35))), undefined),
  page: pageParam,
});

/** Orders a page shows. */
const PAGE_SIZE = 50;

const useStyles = makeStyles({
  search: { minWidth: '16rem' },
  muted: { color: tokens.colorNeutralForeground3 },
});

/**
 * The orders placed through the portal with their status and the ERP's answer, newest first, a page at a time;
 * filters and page in the URL.
 * "New order" and "Upload orders" only where the workspace may place orders (never an administrator's view).
 */
export function OrdersPage() {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const workspace = useWorkspace();
  const [state, update] = useListState(listSchema);
  const [search, setSearch] = useState(state.search ?? '');
  const settled = useDebounced(search.trim(), 300);
  useEffect(() => {
    if (settled !== (state.search ?? '')) update({ search: settled || undefined }, { replace: true });
  }, [settled, state.search, update]);
  const orders = useOrders({ status: state.status, search: state.search, page: state.page, pageSize: PAGE_SIZE });
  const rows = orders.data?.items;
  const filtered = Boolean(state.status || state.search);

  const columns: Column<Order>[] = [
    {
      id: 'number',
      header: t('orders.column.number'),
      cell: (o) => <Link to={workspace.to(`orders/${o.portalOrderId}`)}>{o.portalOrderNo}</Link>,
    },
    { id: 'submitted', header: t('orders.column.submitted'), cell: (o) => format.dateTime(o.submittedAt) },
    { id: 'requested', header: t('orders.column.requested'), cell: (o) => format.date(o.requestedReceiptDate) },
    { id: 'requisition', header: t('orders.column.requisition'), cell: (o) => o.requisitionNo ?? '' },
    { id: 'status', header: t('orders.column.status'), cell: (o) => <OrderStatusBadge status={o.status} /> },
    {
      id: 'answer',
      header: t('orders.column.answer'),
      cell: (o) =>
        o.status === 'accepted' ? (
          o.erpOrderNo
        ) : o.status === 'rejected' ? (
          o.rejectionReason
        ) : (
          <span className={styles.muted}>{t('orders.waiting')}</span>
        ),
    },
    { id: 'total', header: t('orders.column.total'), cell: (o) => format.money(o.estimatedTotal, o.currencyCode) },
    ...(workspace.kind === 'admin' || workspace.membership?.role === 'customer_representative'
      ? [{ id: 'contact', header: t('orders.column.placedBy'), cell: (o: Order) => o.contactName ?? o.contactNo }]
      : []),
  ];

  return (
    <Stack>
      <PageHeader
        title={t('orders.title')}
        subtitle={t(workspace.readOnly ? 'orders.subtitleAdmin' : 'orders.subtitle')}
        actions={
          workspace.may.placeOrders ? (
            <>
              <ButtonLink to={workspace.to('orders/new')} appearance="primary" icon={<Add24Regular />}>
                {t('orders.new')}
              </ButtonLink>
              <ButtonLink to={workspace.to('orders/upload')} icon={<ArrowUpload24Regular />}>
                {t('orders.upload')}
              </ButtonLink>
            </>
          ) : undefined
        }
      />
      <Row>
        <ChoiceFilter
          label={t('orders.column.status')}
          value={state.status}
          values={STATUSES}
          text={(status) => t(`orders.status.${status}`)}
          onChange={(status) => update({ status })}
        />
        <Field label={t('orders.search')} className={styles.search}>
          <Input type="search" value={search} onChange={(_, data) => setSearch(data.value)} />
        </Field>
      </Row>
      <ProblemMessage error={orders.error} />
      <DataTable
        caption={t('orders.caption', { partner: workspace.partner.partnerName ?? workspace.partner.partnerNo })}
        columns={columns}
        rows={rows}
        rowKey={(o) => o.portalOrderId}
        loading={orders.isFetching}
        empty={
          <EmptyState
            title={t(filtered ? 'orders.emptyFiltered' : 'orders.empty')}
            text={workspace.may.placeOrders && !filtered ? t('orders.emptyHint') : undefined}
          />
        }
      />
      <PagerOf
        page={state.page}
        of={orders.data}
        onPage={(page) => update({ page }, { keepPage: true })}
        onlyWhenSeveral
      />
    </Stack>
  );
}
