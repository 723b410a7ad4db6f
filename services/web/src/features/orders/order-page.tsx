import {
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiProblem } from '../../api/problem';
import { EmptyState } from '../../ui/empty-state';
import { useFormat } from '../../ui/format';
import { PageHeader, Section, Stack } from '../../ui/page';
import { ProblemMessage } from '../../ui/problem-message';
import { useWorkspace } from '../workspace/workspace';
import { useOrder, type Order } from './order-hooks';
import { Facts, OrderStatusBadge } from './order-parts';

const useStyles = makeStyles({
  total: { fontWeight: tokens.fontWeightSemibold },
  amount: { textAlign: 'end' },
});

/**
 * One portal order: Submitted until the ERP answers, then accepted (its order number, and a link to the ERP's own
 * sales order once projected) or rejected (the reason). Asked for again while submitted, so the answer appears
 * without a reload; the answer sits in a status region, which screen readers announce when it changes.
 */
export function OrderPage() {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const { portalOrderId = '' } = useParams();
  const order = useOrder(portalOrderId);
  const notFound = order.error instanceof ApiProblem && (order.error.status === 404 || order.error.status === 400);

  return (
    <Stack>
      <PageHeader
        title={
          order.data ? t('orders.order.title', { number: order.data.portalOrderNo }) : t('orders.order.titleLoading')
        }
        subtitle={<Link to={workspace.to('orders')}>{t('orders.order.back')}</Link>}
      />
      {order.isPending ? <Spinner label={t('common.loading')} /> : null}
      {notFound ? (
        <EmptyState title={t('orders.order.notFound')} text={t('orders.order.notFoundHint')} />
      ) : (
        <ProblemMessage error={order.error} />
      )}
      {order.data ? <OrderDetails order={order.data} /> : null}
    </Stack>
  );
}

function OrderDetails({ order }: { order: Order }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const address = order.deliveryAddress;
  const money = (amount: string) => format.money(amount, order.currencyCode);
  return (
    <>
      <Section title={t('orders.order.answer')}>
        <div role="status" aria-live="polite">
          <Answer order={order} />
        </div>
      </Section>
      <Section title={t('orders.order.details')}>
        <Facts
          facts={[
            [t('orders.column.status'), <OrderStatusBadge key="status" status={order.status} />],
            [t('orders.column.submitted'), format.dateTime(order.submittedAt)],
            [t('orders.column.requested'), format.date(order.requestedReceiptDate)],
            [t('orders.column.requisition'), order.requisitionNo ?? '—'],
            [
              t('orders.column.placedBy'),
              order.contactName ? `${order.contactName} (${order.contactNo})` : order.contactNo,
            ],
            [
              t('orders.order.deliveryAddress'),
              [
                address.description,
                address.line1,
                address.line2,
                `${address.postalCode} ${address.city}`,
                address.countryCode,
              ]
                .filter(Boolean)
                .join(', '),
            ],
          ]}
        />
      </Section>
      <Section title={t('orders.order.lines')}>
        <div role="region" aria-label={t('orders.order.lines')} tabIndex={0} style={{ overflowX: 'auto' }}>
          <Table size="small">
            <caption style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
              {t('orders.order.linesCaption', { number: order.portalOrderNo })}
            </caption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('orders.line.lineNo')}</TableHeaderCell>
                <TableHeaderCell>{t('orders.line.item')}</TableHeaderCell>
                <TableHeaderCell>{t('orders.line.quantity')}</TableHeaderCell>
                <TableHeaderCell>{t('orders.line.unit')}</TableHeaderCell>
                <TableHeaderCell className={styles.amount}>{t('orders.line.unitPrice')}</TableHeaderCell>
                <TableHeaderCell className={styles.amount}>{t('orders.line.amount')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {order.lines.map((line) => (
                <TableRow key={line.lineNo}>
                  <TableCell>{line.lineNo}</TableCell>
                  <TableCell>{line.itemNo}</TableCell>
                  <TableCell>{format.number(Number(line.quantity))}</TableCell>
                  <TableCell>{line.unitCode}</TableCell>
                  <TableCell className={styles.amount}>{money(line.estimatedUnitPrice)}</TableCell>
                  <TableCell className={styles.amount}>{money(line.estimatedNetAmount)}</TableCell>
                </TableRow>
              ))}
              <TableRow>
                <TableCell colSpan={5} className={styles.total}>
                  {t('orders.order.estimatedTotal')}
                </TableCell>
                <TableCell className={`${styles.amount} ${styles.total}`}>{money(order.estimatedTotal)}</TableCell>
              </TableRow>
            </TableBody>
          </Table>
        </div>
      </Section>
    </>
  );
}

/** The ERP's answer in words: waiting, accepted with its number (and its document), or rejected with the reason. */
function Answer({ order }: { order: Order }) {
  const { t } = useTranslation();
  const format = useFormat();
  const workspace = useWorkspace();
  if (order.status === 'submitted') {
    return (
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{t('orders.answer.submittedTitle')}</MessageBarTitle>
          {t('orders.answer.submitted')}
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (order.status === 'accepted') {
    return (
      <MessageBar intent="success" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{t('orders.answer.acceptedTitle', { number: order.erpOrderNo ?? '' })}</MessageBarTitle>
          {t('orders.answer.accepted', { date: format.dateTime(order.answeredAt) })}{' '}
          {order.erpDocumentId ? (
            <Link to={workspace.to(`documents/purchase_order/${order.erpDocumentId}`)}>
              {t('orders.answer.document', { number: order.erpOrderNo ?? '' })}
            </Link>
          ) : (
            t('orders.answer.documentLater')
          )}
        </MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t('orders.answer.rejectedTitle')}</MessageBarTitle>
        {t('orders.answer.rejected', { reason: order.rejectionReason ?? '—', date: format.dateTime(order.answeredAt) })}
      </MessageBarBody>
    </MessageBar>
  );
}
