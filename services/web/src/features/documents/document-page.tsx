import { Body1, Caption1, makeStyles, Spinner, Subtitle2, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiProblem } from '../../api/problem';
import { DataTable, type Column } from '../../ui/data-table';
import { EmptyState } from '../../ui/empty-state';
import { useFormat } from '../../ui/format';
import { PageHeader, Section, Stack } from '../../ui/page';
import { ProblemMessage } from '../../ui/problem-message';
import { useWorkspace, type PartnerDocumentTypeValue } from '../workspace/workspace';
import { useDocument, type DocumentDetail, type DocumentReference } from './document-hooks';
import { DocumentStatus, ORDER_WORDS } from './documents-page';

type Line = DocumentDetail['lines'][number];

const useStyles = makeStyles({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(14rem, 1fr))',
    gap: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXXL}`,
    margin: 0,
  },
  fact: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, margin: 0 },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0 },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  history: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  number: { whiteSpace: 'nowrap' },
  subheading: { display: 'block', marginBottom: tokens.spacingVerticalXS },
});

/**
 * One document as the partner sees it: its header (numbers, dates, amounts, status, ship-to), its lines, the order it
 * follows from and the documents that follow from it (order -> shipment -> invoice), and its status history as the
 * ERP sent it. A document that is not there, or not the person's to see, gets one plain sentence.
 */
export function DocumentPage() {
  const { t } = useTranslation();
  const styles = useStyles();
  const format = useFormat();
  const workspace = useWorkspace();
  const { type = '', documentId = '' } = useParams();
  const document = useDocument(documentId);
  const types = t(`documentTypes.${type}`, { defaultValue: t('documents.title') });
  const listLink = <Link to={workspace.to(`documents/${type}`)}>{t('documents.backToList', { types })}</Link>;

  if (document.isPending) return <Spinner label={t('common.loading')} />;
  if (document.error instanceof ApiProblem && (document.error.status === 404 || document.error.status === 400)) {
    return (
      <Stack>
        <PageHeader title={t('documents.notFoundTitle')} />
        <EmptyState title={t('documents.notFoundText')} text={t('documents.notFoundHint')} action={listLink} />
      </Stack>
    );
  }
  if (document.error) return <ProblemMessage error={document.error} action={listLink} />;

  const d = document.data;
  const isOrder = ORDER_WORDS.includes(d.type);
  const money = (amount: string) => format.money(amount, d.currencyCode);
  const reference = (r: DocumentReference) => (
    <>
      <Link to={workspace.to(`documents/${r.type}/${r.documentId}`)}>
        {t(`documentType.${r.type}`)} {r.documentNo}
      </Link>{' '}
      <Caption1>
        {format.date(r.documentDate)} · {r.status}
      </Caption1>
    </>
  );
  const facts: Array<[string, ReactNode]> = [
    [t('documents.detail.status'), <DocumentStatus key="status" status={d.status} />],
    [t('documents.detail.documentDate'), format.date(d.documentDate)],
    ...(d.requestedDate
      ? [[t('documents.detail.requestedDate'), format.date(d.requestedDate)] as [string, string]]
      : []),
    ...(d.dueDate ? [[t('documents.detail.dueDate'), format.date(d.dueDate)] as [string, string]] : []),
    [t('documents.detail.externalDocumentNo'), d.externalDocumentNo ?? '—'],
    [t('documents.detail.amount'), money(d.amount)],
    [t('documents.detail.amountIncludingTax'), money(d.amountIncludingTax)],
    [
      t('documents.detail.shipTo'),
      d.shipTo ? (
        <address key="shipTo" style={{ fontStyle: 'normal' }}>
          {[
            d.shipTo.name,
            d.shipTo.line1,
            d.shipTo.line2,
            `${d.shipTo.postalCode} ${d.shipTo.city}`,
            d.shipTo.countryCode,
          ]
            .filter(Boolean)
            .map((line) => (
              <div key={line}>{line}</div>
            ))}
        </address>
      ) : (
        '—'
      ),
    ],
    ...(d.portalOrderId && workspace.perspective.placesOrders
      ? [
          [
            t('documents.detail.portalOrder'),
            <Link key="portalOrder" to={workspace.to(`orders/${d.portalOrderId}`)}>
              {t('documents.detail.portalOrderLink')}
            </Link>,
          ] as [string, ReactNode],
        ]
      : []),
  ];
  const quantity = (value: string | undefined | null, unit?: string) =>
    value === undefined || value === null ? '—' : `${format.number(Number(value))}${unit ? ` ${unit}` : ''}`;
  const lineColumns: Column<Line>[] = [
    { id: 'item', header: t('documents.line.item'), cell: (l) => l.itemNo ?? '—' },
    { id: 'description', header: t('documents.line.description'), cell: (l) => l.description },
    { id: 'quantity', header: t('documents.line.quantity'), cell: (l) => quantity(l.quantity, l.unitCode) },
    { id: 'shipped', header: t('documents.line.shipped'), cell: (l) => quantity(l.quantityShipped) },
    { id: 'invoiced', header: t('documents.line.invoiced'), cell: (l) => quantity(l.quantityInvoiced) },
    {
      id: 'price',
      header: t('documents.line.unitPrice'),
      cell: (l) => <span className={styles.number}>{l.unitPrice ? money(l.unitPrice) : '—'}</span>,
    },
    {
      id: 'amount',
      header: t('documents.line.lineAmount'),
      cell: (l) => <span className={styles.number}>{l.lineAmount ? money(l.lineAmount) : '—'}</span>,
    },
  ];

  return (
    <Stack>
      <PageHeader title={`${t(`documentType.${d.type}`)} ${d.documentNo}`} subtitle={<Body1>{listLink}</Body1>} />
      <dl className={styles.facts} aria-label={t('documents.detail.header')}>
        {facts.map(([term, value]) => (
          <div key={term} className={styles.fact}>
            <dt className={styles.term}>
              <Text size={200}>{term}</Text>
            </dt>
            <dd className={styles.value}>{value}</dd>
          </div>
        ))}
      </dl>
      <Section title={t('documents.detail.lines', { n: d.lines.length })}>
        <DataTable
          caption={t('documents.detail.lines', { n: d.lines.length })}
          columns={lineColumns}
          rows={d.lines}
          rowKey={(l) => String(l.lineNo)}
          empty={<EmptyState title={t('documents.detail.noLines')} />}
        />
      </Section>
      <Section title={t('documents.detail.links')}>
        {d.followsFrom || d.orderNo || !isOrder ? (
          <div>
            <Subtitle2 as="h3" className={styles.subheading}>
              {t('documents.detail.followsFrom')}
            </Subtitle2>
            <Body1 as="p">
              {d.followsFrom
                ? reference(d.followsFrom)
                : d.orderNo
                  ? t('documents.detail.orderNotShown', { orderNo: d.orderNo })
                  : t('documents.detail.followsFromNothing')}
            </Body1>
          </div>
        ) : null}
        {d.followUps.length > 0 || isOrder ? (
          <div>
            <Subtitle2 as="h3" className={styles.subheading}>
              {t('documents.detail.followUps')}
            </Subtitle2>
            {d.followUps.length > 0 ? (
              <ul className={styles.list}>
                {d.followUps.map((r) => (
                  <li key={r.documentId}>{reference(r)}</li>
                ))}
              </ul>
            ) : (
              <Body1 as="p">{t('documents.detail.noFollowUps')}</Body1>
            )}
            {d.followUps.length > 0 ? (
              <FollowUpLists orderNo={d.documentNo} types={[...new Set(d.followUps.map((r) => r.type))]} />
            ) : null}
          </div>
        ) : null}
      </Section>
      <Section title={t('documents.detail.history')}>
        {d.statusHistory.length > 0 ? (
          <ol className={styles.history}>
            {d.statusHistory.map((change) => (
              <li key={change.erpVersion}>
                <DocumentStatus status={change.status} />{' '}
                <Text>{t('documents.detail.since', { when: format.dateTime(change.changedAt) })}</Text>{' '}
                <Caption1>{t('documents.detail.version', { version: change.erpVersion })}</Caption1>
              </li>
            ))}
          </ol>
        ) : (
          <Body1 as="p">{t('documents.detail.noHistory')}</Body1>
        )}
      </Section>
    </Stack>
  );
}

/** Links to the lists of each follow-up type, filtered to this order (more than the page shows, with export). */
function FollowUpLists({ orderNo, types }: { orderNo: string; types: PartnerDocumentTypeValue[] }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  return (
    <Caption1 as="p">
      {types.map((type, i) => (
        <span key={type}>
          {i > 0 ? ' · ' : ''}
          <Link to={`${workspace.to(`documents/${type}`)}?orderNo=${encodeURIComponent(orderNo)}`}>
            {t('documents.detail.allOfOrder', { types: t(`documentTypes.${type}`), orderNo })}
          </Link>
        </span>
      ))}
    </Caption1>
  );
}
