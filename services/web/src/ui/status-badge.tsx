import { Badge, type BadgeProps } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';

/** Where an invitation stands, as the API names it. */
export type InvitationStatus =
  'pending_license' | 'invited' | 'accepted' | 'expired' | 'revoked' | 'rejected' | 'email_failed';

type Look = { color: NonNullable<BadgeProps['color']>; appearance: NonNullable<BadgeProps['appearance']> };

const LOOKS: Record<InvitationStatus, Look> = {
  pending_license: { color: 'informative', appearance: 'tint' },
  invited: { color: 'brand', appearance: 'tint' },
  accepted: { color: 'success', appearance: 'filled' },
  expired: { color: 'warning', appearance: 'outline' },
  revoked: { color: 'subtle', appearance: 'outline' },
  rejected: { color: 'danger', appearance: 'tint' },
  email_failed: { color: 'danger', appearance: 'filled' },
};

/**
 * The badge of an invitation: its status, and "locked" on top while an invited one refuses codes. Words and
 * colour both carry the status (colour alone would not reach everyone).
 */
export function invitationBadge(invitation: { status: string; locked?: boolean }): {
  status: InvitationStatus;
  look: Look;
  locked: boolean;
} {
  const status = (invitation.status in LOOKS ? invitation.status : 'pending_license') as InvitationStatus;
  return { status, look: LOOKS[status], locked: Boolean(invitation.locked) && status === 'invited' };
}

export function InvitationStatusBadge({ invitation }: { invitation: { status: string; locked?: boolean } }) {
  const { t } = useTranslation();
  const { status, look, locked } = invitationBadge(invitation);
  return (
    <span>
      <Badge color={look.color} appearance={look.appearance} shape="rounded">
        {t(`invitation.status.${status}`)}
      </Badge>
      {locked ? (
        <Badge color="warning" appearance="outline" shape="rounded" style={{ marginInlineStart: 4 }}>
          {t('invitation.locked')}
        </Badge>
      ) : null}
    </span>
  );
}

/** Where a contact stands towards the portal (the directory's portalStatus). */
export function PortalStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const color: BadgeProps['color'] =
    status === 'portal_user'
      ? 'success'
      : status === 'invited'
        ? 'brand'
        : status === 'deactivated'
          ? 'warning'
          : 'subtle';
  return (
    <Badge color={color} appearance="tint" shape="rounded">
      {t(`contact.portalStatus.${status}`, { defaultValue: status })}
    </Badge>
  );
}
