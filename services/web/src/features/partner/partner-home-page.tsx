import {
  Body1,
  Caption1,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { DataTable, type Column } from '../../ui/data-table';
import { EmptyState } from '../../ui/empty-state';
import { useFormat } from '../../ui/format';
import { PageHeader, Panel, Row, Section, Stack } from '../../ui/page';
import { ProblemMessage } from '../../ui/problem-message';
import { DocumentStatus } from '../documents/documents-page';
import { useDocumentSummary, useDocuments, type DocumentRow } from '../documents/document-hooks';
import { useWorkspace } from '../workspace/workspace';

const RECENT = 5;

const useStyles = makeStyles({
  counts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(13rem, 1fr))',
    gap: tokens.spacingHorizontalL,
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  card: { height: '100%' },
  count: {
    fontSize: tokens.fontSizeHero700,
    lineHeight: tokens.lineHeightHero700,
    fontWeight: tokens.fontWeightSemibold,
  },
  amount: { whiteSpace: 'nowrap' },
});

/**
 * The partner's home: whose workspace this is, its open documents per type in its own words (each leading to its
 * list), and its latest orders with their status. For an administrator, the same for the partner it looks at.
 */
export function PartnerHomePage() {
  const { t } = useTranslation();
  const styles = useStyles();
  const format = useFormat();
  const workspace = useWorkspace();
  const [params] = useSearchParams();
  const summary = useDocumentSummary();
  const orderType = workspace.perspective.documentTypes[0];
  const recent = useDocuments({ type: orderType, sort: 'date_desc', pageSize: RECENT });
  const { partner, membership } = workspace;
  const name = partner.partnerName ?? partner.partnerNo;
  const where = [
    t(`partnerType.${partner.partnerType}`),
    partner.partnerNo,
    ...(membership ? [t(`role.${membership.role}`)] : []),
    partner.companyId,
    partner.environment,
  ].join(' · ');

  const columns: Column<DocumentRow>[] = [
    {
      id: 'number',
      header: t('documents.column.number'),
      cell: (d) => <Link to={workspace.to(`documents/${orderType}/${d.documentId}`)}>{d.documentNo}</Link>,
    },
    { id: 'date', header: t('documents.column.date'), cell: (d) => format.date(d.documentDate) },
    { id: 'status', header: t('documents.column.status'), cell: (d) => <DocumentStatus status={d.status} /> },
    {
      id: 'amount',
      header: t('documents.column.amount'),
      cell: (d) => <span className={styles.amount}>{format.money(d.amount, d.currencyCode)}</span>,
    },
  ];
  const orderTypes = orderType ? t(`documentTypes.${orderType}`) : '';

  return (
    <Stack>
      <PageHeader title={name} subtitle={where} />
      {params.get('welcome') && workspace.kind === 'member' ? (
        <MessageBar intent="success" role="status">
          <MessageBarBody>
            <MessageBarTitle>{t('partner.welcomeTitle')}</MessageBarTitle>
            {t('partner.welcomeText', { partner: name })}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <Body1 as="p">{t(`partner.sees.${partner.partnerType}`)}</Body1>
      {workspace.may.placeOrders ? (
        <Row>
          <Link to={workspace.to('orders/new')}>{t('partnerHome.placeOrder')}</Link>
          <Link to={workspace.to('orders/upload')}>{t('partnerHome.uploadOrders')}</Link>
        </Row>
      ) : null}

      <Section title={t('partnerHome.openDocuments')}>
        <ProblemMessage error={summary.error} />
        {summary.isPending ? <Spinner size="small" label={t('common.loading')} /> : null}
        {summary.data ? (
          <ul className={styles.counts}>
            {summary.data.types.map((count) => (
              <li key={count.type}>
                <Panel className={styles.card}>
                  <Link to={workspace.to(`documents/${count.type}`)}>{t(`documentTypes.${count.type}`)}</Link>
                  <Text className={styles.count}>{format.number(count.open)}</Text>
                  <Caption1>
                    {t('partnerHome.openOf', { open: count.open, total: format.number(count.total) })}
                  </Caption1>
                </Panel>
              </li>
            ))}
          </ul>
        ) : null}
        {workspace.may.seeStock ? <Link to={workspace.to('stock')}>{t('partnerHome.stock')}</Link> : null}
      </Section>

      {orderType ? (
        <Section
          title={t('partnerHome.recent', { types: orderTypes })}
          actions={
            <Link to={workspace.to(`documents/${orderType}`)}>{t('partnerHome.all', { types: orderTypes })}</Link>
          }
        >
          <ProblemMessage error={recent.error} />
          <DataTable
            caption={t('partnerHome.recent', { types: orderTypes })}
            columns={columns}
            rows={recent.data?.items}
            loading={recent.isPending}
            rowKey={(d) => d.documentId}
            empty={
              <EmptyState
                title={t('partnerHome.noRecent', { types: orderTypes })}
                text={
                  workspace.may.placeOrders
                    ? t('partnerHome.noRecentPlace')
                    : workspace.kind === 'admin'
                      ? t('partnerHome.noRecentAdmin')
                      : t('partnerHome.noRecentText')
                }
                action={
                  workspace.may.placeOrders ? (
                    <Link to={workspace.to('orders/new')}>{t('partnerHome.placeOrder')}</Link>
                  ) : undefined
                }
              />
            }
          />
        </Section>
      ) : null}
    </Stack>
  );
}
