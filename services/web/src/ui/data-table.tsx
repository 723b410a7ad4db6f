import {
  Button,
  Caption1,
  makeStyles,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from './format';

/** One column: its header, how a row shows in it, and the API's sort key when it sorts. */
export interface Column<T> {
  id: string;
  header: string;
  cell(row: T): ReactNode;
  sortKey?: string;
  width?: string;
}

export interface Sort {
  by?: string;
  order?: 'asc' | 'desc';
}

const useStyles = makeStyles({
  wrap: { overflowX: 'auto' },
  caption: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
  pager: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, paddingTop: tokens.spacingVerticalM },
  empty: { padding: tokens.spacingVerticalXXL, textAlign: 'center' },
});

/**
 * A table whose sorting and paging happen on the server: sortable headers are real buttons (Fluent's) with
 * `aria-sort`, the caption names the table for screen readers, and rows are plain rows (actions are buttons in
 * cells, never a clickable row).
 */
export function DataTable<T>(props: {
  caption: string;
  columns: Column<T>[];
  rows: T[] | undefined;
  rowKey(row: T): string;
  loading?: boolean;
  sort?: Sort;
  onSort?(sort: Sort): void;
  empty: ReactNode;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const { columns, rows, sort, onSort } = props;
  const sortable = Boolean(onSort);
  const direction = (column: Column<T>) =>
    column.sortKey && sort?.by === column.sortKey ? (sort.order === 'asc' ? 'ascending' : 'descending') : undefined;
  const toggle = (column: Column<T>) => {
    if (!column.sortKey || !onSort) return;
    const order = sort?.by === column.sortKey && sort.order === 'asc' ? 'desc' : 'asc';
    onSort({ by: column.sortKey, order });
  };
  return (
    // A narrow window scrolls the table sideways; the region takes focus so the keyboard can scroll it too.
    <div className={styles.wrap} role="region" aria-label={props.caption} tabIndex={0}>
      <Table sortable={sortable} aria-busy={props.loading ? true : undefined} size="small">
        <caption className={styles.caption}>{props.caption}</caption>
        <TableHeader>
          <TableRow>
            {columns.map((column) =>
              column.sortKey && sortable ? (
                <TableHeaderCell
                  key={column.id}
                  style={column.width ? { width: column.width } : undefined}
                  sortDirection={direction(column)}
                  onClick={() => toggle(column)}
                  button={{ 'aria-label': t('table.sortBy', { column: column.header }) }}
                >
                  {column.header}
                </TableHeaderCell>
              ) : (
                <TableHeaderCell key={column.id} style={column.width ? { width: column.width } : undefined}>
                  {column.header}
                </TableHeaderCell>
              ),
            )}
          </TableRow>
        </TableHeader>
        <TableBody>
          {(rows ?? []).map((row) => (
            <TableRow key={props.rowKey(row)}>
              {columns.map((column) => (
                <TableCell key={column.id}>{column.cell(row)}</TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {props.loading && !rows ? <Spinner className={styles.empty} label={t('common.loading')} /> : null}
      {rows && rows.length === 0 ? <div className={styles.empty}>{props.empty}</div> : null}
    </div>
  );
}

/** Previous / next with where the page is in the whole list. */
export function Pager(props: { page: number; pageSize: number; total: number; onPage(page: number): void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  const from = props.total === 0 ? 0 : (props.page - 1) * props.pageSize + 1;
  const to = Math.min(props.total, props.page * props.pageSize);
  return (
    <nav className={styles.pager} aria-label={t('table.pages')}>
      <Button disabled={props.page <= 1} onClick={() => props.onPage(props.page - 1)}>
        {t('table.previous')}
      </Button>
      <Caption1 aria-live="polite">
        {t('table.range', { from: format.number(from), to: format.number(to), total: format.number(props.total) })}
        {' · '}
        {t('table.pageOf', { page: format.number(props.page), pages: format.number(pages) })}
      </Caption1>
      <Button disabled={props.page >= pages} onClick={() => props.onPage(props.page + 1)}>
        {t('table.next')}
      </Button>
    </nav>
  );
}

/** The pager of a page answer, once it has come; with `onlyWhenSeveral`, shown only when there is more than one page. */
export function PagerOf(props: {
  page: number;
  of: { pageSize: number; total: number } | undefined;
  onPage(page: number): void;
  onlyWhenSeveral?: boolean;
}) {
  const { page, of, onPage, onlyWhenSeveral } = props;
  if (!of || (onlyWhenSeveral && page === 1 && of.total <= of.pageSize)) return null;
  return <Pager page={page} pageSize={of.pageSize} total={of.total} onPage={onPage} />;
}
