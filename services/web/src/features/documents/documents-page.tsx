import {
  Badge,
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownload24Regular } from '@fluentui/react-icons';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { z } from 'zod/mini';
import { download, toCsv } from '../../ui/csv';
import { DataTable, PagerOf, type Column, type Sort } from '../../ui/data-table';
import { EmptyState } from '../../ui/empty-state';
import { useFormat } from '../../ui/format';
import { pageParam, useListState } from '../../ui/list-state';
import { PageHeader, Stack } from '../../ui/page';
import { ProblemMessage } from '../../ui/problem-message';
import { useWorkspace, type PartnerDocumentTypeValue } from '../workspace/workspace';
import {
  fetchAllDocuments,
  useDocuments,
  EXPORT_LIMIT,
  type DocumentQuery,
  type DocumentRow,
  type DocumentSort,
} from './document-hooks';

const SORTS = ['date_desc', 'date_asc', 'number_asc', 'number_desc'] as const satisfies readonly DocumentSort[];
const PAGE_SIZE = 25;
const day = z.catch(z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))), undefined);
const text = (max: number) =>
  z.catch(z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(max))), undefined);

/** The list's state in the URL: filters, sort and the page shown. */
const listState = z.object({
  status: text(30),
  from: day,
  to: day,
  search: text(35),
  orderNo: text(35),
  sort: z.catch(z.enum(SORTS), 'date_desc'),
  page: pageParam,
});
type ListState = z.infer<typeof listState>;
const FILTERS = ['status', 'from', 'to', 'search', 'orderNo'] as const;

/** Status texts ERPs send (Business Central's), offered while typing; any other text filters too. */
const STATUS_SUGGESTIONS = ['Open', 'Released', 'Pending Approval', 'Shipped', 'Invoiced', 'Posted', 'Paid', 'Closed'];

/** The partner's words for orders (the other types follow from an order and carry its number). */
export const ORDER_WORDS: readonly PartnerDocumentTypeValue[] = [
  'purchase_order',
  'purchase_return_order',
  'sales_order',
  'sales_return_order',
];
const DUE_WORDS: readonly PartnerDocumentTypeValue[] = ['purchase_invoice', 'sales_invoice'];

const useStyles = makeStyles({
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  field: { minWidth: '11rem' },
  amount: { whiteSpace: 'nowrap' },
});

/**
 * One type of the partner's documents, in its words: filters, sort and page kept in the URL (a reload or a shared
 * link shows the same list), paged like every list (page, page size, total), and a CSV export of the whole
 * filtered set.
 */
export function DocumentsPage() {
  const { t } = useTranslation();
  const styles = useStyles();
  const format = useFormat();
  const workspace = useWorkspace();
  const type = useParams().type as PartnerDocumentTypeValue;
  const [state, update] = useListState(listState);
  const query: DocumentQuery = {
    type,
    sort: state.sort,
    page: state.page,
    pageSize: PAGE_SIZE,
    ...Object.fromEntries(FILTERS.filter((name) => state[name]).map((name) => [name, state[name]])),
  };
  const known = workspace.perspective.documentTypes.includes(type);
  const documents = useDocuments(query);
  const [exporting, setExporting] = useState<number | undefined>();
  const [exported, setExported] = useState<{ count: number; capped: boolean } | undefined>();
  const [exportError, setExportError] = useState<unknown>();

  if (!known) {
    return (
      <Stack>
        <PageHeader title={t('documents.unknownTypeTitle')} />
        <EmptyState title={t('workspace.notFound')} action={<Link to={workspace.to()}>{t('documents.toHome')}</Link>} />
      </Stack>
    );
  }

  const types = t(`documentTypes.${type}`);
  // A new filter or sort starts at the first page (useListState drops `page`).
  const applyFilters = (values: Partial<ListState>) => update(values);
  const filtered = FILTERS.some((name) => state[name]);
  const sort: Sort = {
    by: state.sort.startsWith('date') ? 'date' : 'number',
    order: state.sort.endsWith('asc') ? 'asc' : 'desc',
  };

  const link = (d: DocumentRow) => <Link to={workspace.to(`documents/${type}/${d.documentId}`)}>{d.documentNo}</Link>;
  const columns: Column<DocumentRow>[] = [
    { id: 'number', header: t('documents.column.number'), sortKey: 'number', cell: link },
    { id: 'date', header: t('documents.column.date'), sortKey: 'date', cell: (d) => format.date(d.documentDate) },
    { id: 'status', header: t('documents.column.status'), cell: (d) => <DocumentStatus status={d.status} /> },
    ...(ORDER_WORDS.includes(type)
      ? [
          {
            id: 'requested',
            header: t('documents.column.requestedDate'),
            cell: (d: DocumentRow) => format.date(d.requestedDate),
          },
        ]
      : [
          {
            id: 'order',
            header: t('documents.column.orderNo'),
            cell: (d: DocumentRow) => d.orderNo ?? '—',
          },
        ]),
    ...(DUE_WORDS.includes(type)
      ? [{ id: 'due', header: t('documents.column.dueDate'), cell: (d: DocumentRow) => format.date(d.dueDate) }]
      : []),
    { id: 'external', header: t('documents.column.externalDocumentNo'), cell: (d) => d.externalDocumentNo ?? '—' },
    {
      id: 'amount',
      header: t('documents.column.amount'),
      cell: (d) => <span className={styles.amount}>{format.money(d.amount, d.currencyCode)}</span>,
    },
  ];

  const exportCsv = async () => {
    setExportError(undefined);
    setExported(undefined);
    setExporting(0);
    try {
      const { page: _page, pageSize: _pageSize, ...filters } = query;
      const { rows, capped } = await fetchAllDocuments(workspace, filters, { onProgress: setExporting });
      const number = (value: string) => Number(value);
      const csv = toCsv(rows, [
        { header: t('documents.column.type'), value: () => t(`documentType.${type}`) },
        { header: t('documents.column.number'), value: (d) => d.documentNo },
        { header: t('documents.column.date'), value: (d) => d.documentDate },
        { header: t('documents.column.status'), value: (d) => d.status },
        { header: t('documents.column.orderNo'), value: (d) => d.orderNo },
        { header: t('documents.column.externalDocumentNo'), value: (d) => d.externalDocumentNo },
        { header: t('documents.column.requestedDate'), value: (d) => d.requestedDate },
        { header: t('documents.column.dueDate'), value: (d) => d.dueDate },
        { header: t('documents.column.currency'), value: (d) => d.currencyCode },
        { header: t('documents.column.amount'), value: (d) => number(d.amount) },
        { header: t('documents.column.amountIncludingTax'), value: (d) => number(d.amountIncludingTax) },
        { header: t('documents.column.lines'), value: (d) => d.lineCount },
      ]);
      const partner = workspace.partner.partnerNo;
      download(`${type}-${partner}-${new Date().toISOString().slice(0, 10)}.csv`, csv);
      setExported({ count: rows.length, capped });
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(undefined);
    }
  };

  const empty = filtered ? (
    <EmptyState
      title={t('documents.noMatchTitle', { types })}
      text={t('documents.noMatchText')}
      action={
        <Button
          onClick={() =>
            applyFilters({ status: undefined, from: undefined, to: undefined, search: undefined, orderNo: undefined })
          }
        >
          {t('documents.clearFilters')}
        </Button>
      }
    />
  ) : (
    <EmptyState
      title={t('documents.noneTitle', { types })}
      text={
        workspace.kind === 'admin'
          ? t('documents.noneTextAdmin', { types })
          : workspace.may.placeOrders && ORDER_WORDS.includes(type)
            ? t('documents.noneTextOrders', { types })
            : t('documents.noneText', { types })
      }
      action={
        workspace.may.placeOrders && type === workspace.perspective.documentTypes[0] ? (
          <Link to={workspace.to('orders/new')}>{t('documents.placeOrder')}</Link>
        ) : undefined
      }
    />
  );

  return (
    <Stack>
      <PageHeader
        title={types}
        subtitle={
          state.orderNo ? t('documents.followingFrom', { orderNo: state.orderNo }) : t('documents.subtitle', { types })
        }
        actions={
          <Button
            icon={<ArrowDownload24Regular />}
            onClick={() => void exportCsv()}
            disabled={exporting !== undefined || documents.data?.items.length === 0}
          >
            {exporting !== undefined ? t('documents.exporting', { done: exporting }) : t('documents.export')}
          </Button>
        }
      />
      {/* Keyed by the URL's filters: back and forward show them in the form again. */}
      <DocumentFilters
        key={FILTERS.map((name) => state[name] ?? '').join('|')}
        initial={state}
        onApply={applyFilters}
        filtered={filtered}
        className={styles.filters}
        fieldClass={styles.field}
      />
      <ProblemMessage error={documents.error ?? exportError} />
      {exported ? (
        <MessageBar intent={exported.capped ? 'warning' : 'success'} layout="multiline" role="status">
          <MessageBarBody>
            {exported.capped
              ? t('documents.exportCapped', { limit: format.number(EXPORT_LIMIT) })
              : t('documents.exported', { count: exported.count })}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <DataTable
        caption={types}
        columns={columns}
        rows={documents.data?.items}
        loading={documents.isFetching}
        rowKey={(d) => d.documentId}
        sort={sort}
        onSort={(s) => applyFilters({ sort: `${s.by}_${s.order}` as DocumentSort })}
        empty={empty}
      />
      <PagerOf
        page={state.page}
        of={documents.data}
        onPage={(page) => update({ page }, { keepPage: true })}
        onlyWhenSeveral
      />
    </Stack>
  );
}

/** The filter form: applied on submit (Enter in any field, or the button), so the list is asked once per change. */
function DocumentFilters(props: {
  initial: ListState;
  onApply(values: Partial<ListState>): void;
  filtered: boolean;
  className: string;
  fieldClass: string;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState(() =>
    Object.fromEntries(FILTERS.map((name) => [name, props.initial[name] ?? ''])),
  );
  const set = (name: (typeof FILTERS)[number]) => (_: unknown, data: { value: string }) =>
    setValues((current) => ({ ...current, [name]: data.value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onApply(Object.fromEntries(FILTERS.map((name) => [name, values[name]?.trim() || undefined])));
  };
  return (
    <form className={props.className} onSubmit={submit} aria-label={t('documents.filters')}>
      <Field label={t('documents.filter.search')} className={props.fieldClass}>
        <Input type="search" value={values.search} onChange={set('search')} maxLength={35} />
      </Field>
      <Field label={t('documents.filter.status')} className={props.fieldClass}>
        <Input value={values.status} onChange={set('status')} maxLength={30} list="document-statuses" />
      </Field>
      <datalist id="document-statuses">
        {STATUS_SUGGESTIONS.map((status) => (
          <option key={status} value={status} />
        ))}
      </datalist>
      <Field label={t('documents.filter.from')} className={props.fieldClass}>
        <Input type="date" value={values.from} onChange={set('from')} />
      </Field>
      <Field label={t('documents.filter.to')} className={props.fieldClass}>
        <Input type="date" value={values.to} onChange={set('to')} />
      </Field>
      <Field label={t('documents.filter.orderNo')} className={props.fieldClass}>
        <Input value={values.orderNo} onChange={set('orderNo')} maxLength={35} />
      </Field>
      <Button type="submit" appearance="primary">
        {t('documents.applyFilters')}
      </Button>
      {props.filtered ? (
        <Button
          type="button"
          onClick={() => props.onApply(Object.fromEntries(FILTERS.map((name) => [name, undefined])))}
        >
          {t('documents.clearFilters')}
        </Button>
      ) : null}
    </form>
  );
}

/** The ERP's status text as it sent it (the words are the ERP's, not translated). */
export function DocumentStatus({ status }: { status: string }) {
  return (
    <Badge appearance="tint" color="informative" shape="rounded">
      {status}
    </Badge>
  );
}
