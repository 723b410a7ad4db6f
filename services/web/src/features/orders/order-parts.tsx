import {
  Badge,
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Table,
  tokens,
  type BadgeProps,
} from '@fluentui/react-components';
import type { MouseEvent, ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useFormat } from '../../ui/format';
import type { OrderDefaults, OrderStatus } from './order-hooks';

const LOOKS: Record<OrderStatus, { color: NonNullable<BadgeProps['color']>; appearance: BadgeProps['appearance'] }> = {
  submitted: { color: 'brand', appearance: 'tint' },
  accepted: { color: 'success', appearance: 'filled' },
  rejected: { color: 'danger', appearance: 'tint' },
};

/** Where an order stands, in words (colour alone would not reach everyone). */
export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  const look = LOOKS[status] ?? LOOKS.submitted;
  return (
    <Badge color={look.color} appearance={look.appearance} shape="rounded">
      {t(`orders.status.${status}`)}
    </Badge>
  );
}

/** A link that looks like a button (navigation, not an action): an anchor with its address, routed in the app. */
export function ButtonLink({
  to,
  children,
  appearance,
  icon,
}: {
  to: string;
  children: ReactNode;
  appearance?: 'primary' | 'secondary';
  icon?: ReactElement;
}) {
  const navigate = useNavigate();
  return (
    <Button
      as="a"
      href={to}
      appearance={appearance}
      icon={icon}
      onClick={(event: MouseEvent) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </Button>
  );
}

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0 },
  missing: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingInlineStart: tokens.spacingHorizontalXL },
  hidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)' },
});

/**
 * A small table that a narrow window scrolls sideways: a region named `label` that takes focus (so the keyboard can
 * scroll it too), `before` at its top, then the table with `label` as its caption for screen readers.
 */
export function ScrollingTable({
  label,
  before,
  children,
}: {
  label: string;
  before?: ReactNode;
  children: ReactNode;
}) {
  const styles = useStyles();
  return (
    <div role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto' }}>
      {before}
      <Table size="small">
        <caption className={styles.hidden}>{label}</caption>
        {children}
      </Table>
    </div>
  );
}

/** Label and value pairs as a description list (screen readers read each term with its value). */
export function Facts({ facts }: { facts: Array<[string, ReactNode]> }) {
  const styles = useStyles();
  return (
    <dl className={styles.list}>
      {facts.map(([term, value]) => (
        <div key={term} style={{ display: 'contents' }}>
          <dt className={styles.term}>{term}</dt>
          <dd className={styles.value}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Language and country names in the person's language (`nl` -> Dutch, `DE` -> Germany). */
export function useDisplayNames() {
  const { locale } = useFormat();
  const of = (type: 'language' | 'region', code: string) => {
    try {
      return new Intl.DisplayNames([locale], { type }).of(code) ?? code;
    } catch {
      return code;
    }
  };
  return { language: (code: string) => of('language', code), country: (code: string) => of('region', code) };
}

/** What an order takes from the contact record, shown read-only (after `before`): it is not typed, it comes from the ERP. */
export function DefaultsFacts({
  defaults,
  before = [],
}: {
  defaults: OrderDefaults;
  before?: Array<[string, ReactNode]>;
}) {
  const { t } = useTranslation();
  const names = useDisplayNames();
  const named = (code: string, name: string | null) => (name ? `${name} (${code})` : code);
  return (
    <Facts
      facts={[
        ...before,
        [t('orderWizard.defaults.company'), named(defaults.companyId, defaults.companyName)],
        [t('orderWizard.defaults.customerAccount'), named(defaults.customerAccount, defaults.customerName)],
        [t('orderWizard.defaults.currency'), defaults.currencyCode],
        [t('orderWizard.defaults.priceList'), defaults.priceListCode],
        [t('orderWizard.defaults.language'), names.language(defaults.languageCode)],
        [t('orderWizard.defaults.shipToCountry'), names.country(defaults.shipToCountryCode)],
        [t('orderWizard.defaults.contact'), named(defaults.contactNo, defaults.contactName)],
      ]}
    />
  );
}

/** The fields of a contact record an order needs, in the person's words. */
const KNOWN_MISSING = [
  'customerAccount',
  'currencyCode',
  'priceListCode',
  'languageCode',
  'shipToCountryCode',
  'contactPerson',
];

/**
 * The one clear message for a contact whose ERP record lacks what an order needs: every missing field, and who can
 * fix it (the company, in its ERP). Shown instead of the wizard or the upload.
 */
export function MissingDefaults({ missing }: { missing: Array<{ field: string; reason: string }> }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const blocked = missing.some((m) => m.field === 'customerAccount' && /blocked/.test(m.reason));
  return (
    <MessageBar intent="warning" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{t('orderWizard.missing.title')}</MessageBarTitle>
        {t('orderWizard.missing.text')}
        <ul className={styles.missing}>
          {missing.map((m) => (
            <li key={`${m.field}-${m.reason}`}>
              {KNOWN_MISSING.includes(m.field)
                ? t(
                    `orderWizard.missing.field.${m.field === 'customerAccount' && blocked ? 'customerBlocked' : m.field}`,
                  )
                : `${m.field}: ${m.reason}`}
            </li>
          ))}
        </ul>
        {t('orderWizard.missing.whatToDo')}
      </MessageBarBody>
    </MessageBar>
  );
}
