import { Button, Caption1, makeStyles, ProgressBar, Text, tokens, Tooltip } from '@fluentui/react-components';
import { Add24Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useFormat } from './format';

/** The pool's counts as licensing answers them. */
export interface PoolCounts {
  purchased: number;
  reserved: number;
  consumed: number;
  available: number;
}

/** What the counter says about the pool: how full it is and whether inviting is possible. */
export function poolSummary(pool: PoolCounts): { used: number; share: number; state: 'none' | 'low' | 'ok' } {
  const used = pool.reserved + pool.consumed;
  const share = pool.purchased === 0 ? 0 : Math.min(1, used / pool.purchased);
  const state = pool.available <= 0 ? 'none' : pool.available <= Math.max(1, pool.purchased * 0.1) ? 'low' : 'ok';
  return { used, share, state };
}

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: 'repeat(4, minmax(7rem, 1fr))', gap: tokens.spacingHorizontalL },
  figure: { display: 'flex', flexDirection: 'column' },
  big: {
    fontSize: tokens.fontSizeHero700,
    lineHeight: tokens.lineHeightHero700,
    fontWeight: tokens.fontWeightSemibold,
  },
  available: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  bar: { marginTop: tokens.spacingVerticalM },
});

/**
 * Licenses purchased, reserved (pending invitations), consumed and available, with the plus button that puts one
 * license in the cart.
 */
export function LicenseCounter(props: { pool: PoolCounts; onAdd?(): void; adding?: boolean }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const { pool } = props;
  const summary = poolSummary(pool);
  const figures: Array<[string, number, string]> = [
    ['purchased', pool.purchased, t('licenses.purchased')],
    ['reserved', pool.reserved, t('licenses.reserved')],
    ['consumed', pool.consumed, t('licenses.consumed')],
  ];
  return (
    <div>
      <dl className={styles.grid}>
        {figures.map(([key, value, label]) => (
          <div key={key} className={styles.figure}>
            <dt>
              <Caption1>{label}</Caption1>
            </dt>
            <dd style={{ margin: 0 }} className={styles.big} data-testid={`licenses-${key}`}>
              {format.number(value)}
            </dd>
          </div>
        ))}
        <div className={styles.figure}>
          <dt>
            <Caption1>{t('licenses.available')}</Caption1>
          </dt>
          <dd style={{ margin: 0 }} className={styles.available}>
            <span className={styles.big} data-testid="licenses-available">
              {format.number(pool.available)}
            </span>
            {props.onAdd ? (
              <Tooltip content={t('licenses.addOne')} relationship="label">
                <Button
                  icon={<Add24Regular />}
                  appearance="primary"
                  shape="circular"
                  onClick={props.onAdd}
                  disabled={props.adding}
                />
              </Tooltip>
            ) : null}
          </dd>
        </div>
      </dl>
      <ProgressBar
        className={styles.bar}
        value={summary.share}
        color={summary.state === 'none' ? 'error' : summary.state === 'low' ? 'warning' : 'brand'}
        aria-label={t('licenses.usedShare', {
          used: format.number(summary.used),
          purchased: format.number(pool.purchased),
        })}
      />
      <Text size={200}>
        {summary.state === 'none'
          ? t('licenses.noneAvailable')
          : t('licenses.usedOf', { used: format.number(summary.used), purchased: format.number(pool.purchased) })}
      </Text>
    </div>
  );
}
