import {
  Body1,
  Button,
  CounterBadge,
  DrawerBody,
  DrawerFooter,
  DrawerHeader,
  DrawerHeaderTitle,
  makeStyles,
  OverlayDrawer,
  SpinButton,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
  useToastController,
  Toast,
  ToastTitle,
  ToastBody,
} from '@fluentui/react-components';
import { Cart24Regular, Delete24Regular, Dismiss24Regular } from '@fluentui/react-icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { ProblemMessage } from '../../ui/problem-message';
import { TOASTER_ID } from '../../app/toaster';
import { useCart, useChangeCartLine, useCheckout, useRemoveCartLine } from './licensing-hooks';

const useStyles = makeStyles({
  total: { display: 'flex', justifyContent: 'space-between', padding: `${tokens.spacingVerticalM} 0` },
  footer: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, alignItems: 'stretch' },
  badgeButton: { position: 'relative' },
  badge: { position: 'absolute', top: '-2px', right: '-4px' },
});

/** The cart at the top of every admin page: how many licenses it holds, opening the cart. */
export function CartButton({ tenantId }: { tenantId: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const cart = useCart(tenantId);
  const [open, setOpen] = useState(false);
  const quantity = cart.data?.quantity ?? 0;
  return (
    <>
      <span className={styles.badgeButton}>
        <Button
          appearance="subtle"
          icon={<Cart24Regular />}
          onClick={() => setOpen(true)}
          aria-label={t('cart.open', { count: quantity })}
          data-testid="cart-button"
        >
          {t('cart.title')}
        </Button>
        {quantity > 0 ? <CounterBadge className={styles.badge} count={quantity} size="small" aria-hidden /> : null}
      </span>
      <CartDrawer tenantId={tenantId} open={open} onClose={() => setOpen(false)} />
    </>
  );
}

/** The administrator's cart: quantities, price, total, and checkout (idempotent). */
export function CartDrawer({ tenantId, open, onClose }: { tenantId: string; open: boolean; onClose(): void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const cart = useCart(tenantId);
  const change = useChangeCartLine(tenantId);
  const remove = useRemoveCartLine(tenantId);
  const checkout = useCheckout(tenantId);
  const { dispatchToast } = useToastController(TOASTER_ID);
  // One key per content of the cart: clicking twice, or again after a lost answer, buys once.
  const cartVersion = cart.data?.lines.map((l) => `${l.lineId}:${l.quantity}`).join(',') ?? '';
  const idempotencyKey = useMemo(() => `checkout-${crypto.randomUUID()}`, [cartVersion]); // eslint-disable-line react-hooks/exhaustive-deps
  const lines = cart.data?.lines ?? [];
  const buy = () =>
    checkout.mutate(idempotencyKey, {
      onSuccess: (purchase) => {
        dispatchToast(
          <Toast>
            <ToastTitle>{t('cart.bought', { count: purchase.quantity })}</ToastTitle>
            <ToastBody>
              {t('cart.boughtOrder', {
                orderNo: purchase.orderNo,
                amount: format.money(purchase.amount, purchase.currencyCode),
              })}
            </ToastBody>
          </Toast>,
          { intent: 'success' },
        );
        onClose();
      },
    });
  return (
    <OverlayDrawer open={open} onOpenChange={(_, data) => !data.open && onClose()} position="end" size="medium">
      <DrawerHeader>
        <DrawerHeaderTitle
          action={
            <Button appearance="subtle" aria-label={t('common.close')} icon={<Dismiss24Regular />} onClick={onClose} />
          }
        >
          {t('cart.title')}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody>
        <ProblemMessage error={cart.error ?? change.error ?? remove.error} />
        {lines.length === 0 ? (
          <Body1 as="p">{t('cart.empty')}</Body1>
        ) : (
          <Table size="small">
            <caption className="visually-hidden">{t('cart.lines')}</caption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('cart.item')}</TableHeaderCell>
                <TableHeaderCell>{t('cart.quantity')}</TableHeaderCell>
                <TableHeaderCell>{t('cart.amount')}</TableHeaderCell>
                <TableHeaderCell>
                  <span className="visually-hidden">{t('common.actions')}</span>
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {lines.map((line) => (
                <TableRow key={line.lineId}>
                  <TableCell>
                    {t('cart.licenseLine', { price: format.money(line.unitPrice, line.currencyCode) })}
                  </TableCell>
                  <TableCell>
                    <SpinButton
                      value={line.quantity}
                      min={1}
                      max={1000}
                      aria-label={t('cart.quantity')}
                      onChange={(_, data) => {
                        const quantity = data.value ?? Number(data.displayValue);
                        if (Number.isInteger(quantity) && quantity >= 1 && quantity !== line.quantity) {
                          change.mutate({ lineId: line.lineId, quantity });
                        }
                      }}
                    />
                  </TableCell>
                  <TableCell>{format.money(line.amount, line.currencyCode)}</TableCell>
                  <TableCell>
                    <Button
                      appearance="subtle"
                      icon={<Delete24Regular />}
                      aria-label={t('cart.remove')}
                      onClick={() => remove.mutate(line.lineId)}
                    />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </DrawerBody>
      <DrawerFooter>
        <div className={styles.footer} style={{ width: '100%' }}>
          {cart.data ? (
            <div className={styles.total}>
              <Subtitle2>{t('cart.total', { count: cart.data.quantity })}</Subtitle2>
              <Subtitle2 data-testid="cart-total">{format.money(cart.data.total, cart.data.currencyCode)}</Subtitle2>
            </div>
          ) : null}
          <ProblemMessage error={checkout.error} />
          <Button appearance="primary" disabled={lines.length === 0 || checkout.isPending} onClick={buy}>
            {checkout.isPending ? t('cart.buying') : t('cart.checkout')}
          </Button>
          <Text size={200}>{t('cart.checkoutNote')}</Text>
        </div>
      </DrawerFooter>
    </OverlayDrawer>
  );
}
