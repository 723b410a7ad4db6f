import { Body1, MessageBar, MessageBarBody, MessageBarTitle, Spinner } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { activeMembership, useMe } from '../../app/me';
import { PageHeader, Stack } from '../../ui/page';
import { membershipLine } from './partner-layout';

/** The partner's home: whose workspace this is and in which role. */
export function PartnerHomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params] = useSearchParams();
  const membership = activeMembership(me.data);
  if (!membership) return <Spinner label={t('common.loading')} />;
  return (
    <Stack>
      <PageHeader title={membership.partnerName ?? membership.partnerNo} subtitle={membershipLine(membership, t)} />
      {params.get('welcome') ? (
        <MessageBar intent="success" role="status">
          <MessageBarBody>
            <MessageBarTitle>{t('partner.welcomeTitle')}</MessageBarTitle>
            {t('partner.welcomeText', { partner: membership.partnerName ?? membership.partnerNo })}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <Body1 as="p">{t(`partner.sees.${membership.partnerType}`)}</Body1>
    </Stack>
  );
}
