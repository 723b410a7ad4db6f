import { Spinner, Text } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';

/** What the portal user lists show about a membership: its status, and why it has no access when it has none. */
export interface MembershipStandingProps {
  status: 'active' | 'reactivating' | 'deactivated';
  deactivationReason: string | null;
  reactivationRefusal: string | null;
}

/** A membership's status, with the reason it was deactivated and why licensing refused its last reactivation. */
export function MembershipStanding({ status, deactivationReason, reactivationRefusal }: MembershipStandingProps) {
  const { t } = useTranslation();
  if (status === 'reactivating')
    return <Spinner size="extra-tiny" labelPosition="after" label={t('membershipStatus.reactivating')} />;
  return (
    <div>
      <div>{t(`membershipStatus.${status}`)}</div>
      {status === 'deactivated' && deactivationReason ? (
        <Text size={200}>{t(`deactivationReason.${deactivationReason}`)}</Text>
      ) : null}
      {status === 'deactivated' && reactivationRefusal ? (
        <Text size={200} role="status" style={{ display: 'block', color: 'var(--colorPaletteRedForeground1)' }}>
          {t(`reactivationRefusal.${reactivationRefusal}`)}
        </Text>
      ) : null}
    </div>
  );
}

/** Lists that hold a reactivation waiting for licensing poll quickly, so its answer shows within seconds. */
export function pollWhileReactivating(items: readonly { status: string }[] | undefined, otherwise: number): number {
  return items?.some((u) => u.status === 'reactivating') ? 1_500 : otherwise;
}
