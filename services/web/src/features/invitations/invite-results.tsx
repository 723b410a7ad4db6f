import {
  Link as FluentLink,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Section, Stack } from '../../ui/page';
import type { Contact } from './directory-hooks';
import { useFollowInvitations, type BulkAnswer, type Invitation } from './invitation-hooks';

/**
 * What became of each contact just invited: the API answers before licensing decides, so a created invitation is
 * followed until it is Invited (the e-mail is on its way) or refused (no license left: add licenses).
 */
export function InviteResults({
  tenantId,
  answer,
  contacts,
}: {
  tenantId: string;
  answer: BulkAnswer;
  contacts: Contact[];
}) {
  const { t } = useTranslation();
  const created = answer.results.filter((r) => r.outcome === 'created' && r.invitation);
  const followed = useFollowInvitations(
    tenantId,
    created.map((r) => r.invitation?.invitationId ?? ''),
  );
  const byId = new Map<string, Invitation>();
  for (const query of followed) if (query.data) byId.set(query.data.invitationId, query.data);
  return (
    <Section title={t('invite.results')}>
      <Stack>
        {answer.results.map((result) => {
          const contact = contacts[result.index];
          const name = contact ? `${contact.name} (${contact.email ?? contact.contactNo})` : `#${result.index + 1}`;
          if (result.outcome === 'refused') {
            return (
              <MessageBar key={result.index} intent="error" role="alert">
                <MessageBarBody>
                  <MessageBarTitle>{name}</MessageBarTitle>
                  {t(`problem.code.${result.code}`, { ...result, defaultValue: result.detail ?? '' })}
                </MessageBarBody>
              </MessageBar>
            );
          }
          const invitation = result.invitation && (byId.get(result.invitation.invitationId) ?? result.invitation);
          return <InvitationOutcome key={result.index} tenantId={tenantId} name={name} invitation={invitation} />;
        })}
      </Stack>
    </Section>
  );
}

function InvitationOutcome({
  tenantId,
  name,
  invitation,
}: {
  tenantId: string;
  name: string;
  invitation?: Invitation;
}) {
  const { t } = useTranslation();
  if (!invitation || invitation.status === 'pending_license') {
    return (
      <MessageBar intent="info" role="status">
        <MessageBarBody>
          <MessageBarTitle>{name}</MessageBarTitle>
          <Spinner size="extra-tiny" label={t('invite.waitingForLicense')} labelPosition="after" />
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (invitation.status === 'rejected') {
    const reason = invitation.rejectionReason ?? 'no_license_available';
    return (
      <MessageBar intent="error" role="alert">
        <MessageBarBody>
          <MessageBarTitle>{t('invite.refusedTitle', { name })}</MessageBarTitle>
          {t(`problem.code.${reason}`, { defaultValue: reason })}
        </MessageBarBody>
        {reason === 'no_license_available' ? (
          <MessageBarActions>
            <FluentLink as="span">
              <Link to={`/admin/${encodeURIComponent(tenantId)}`}>{t('invite.addLicenses')}</Link>
            </FluentLink>
          </MessageBarActions>
        ) : null}
      </MessageBar>
    );
  }
  const intent = invitation.status === 'email_failed' ? 'error' : 'success';
  return (
    <MessageBar intent={intent} role="status">
      <MessageBarBody>
        <MessageBarTitle>{name}</MessageBarTitle>
        {t(`invite.outcome.${invitation.status}`, { email: invitation.email })}
      </MessageBarBody>
    </MessageBar>
  );
}
