import { Body1 } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader, Stack } from '../../ui/page';

/** A signed-in person with nothing to see yet: says which e-mail they signed in with, and where a code goes. */
export function NoAccess({ email }: { email: string | null | undefined }) {
  const { t } = useTranslation();
  return (
    <Stack>
      <PageHeader title={t('home.noAccessTitle')} />
      <Body1 as="p">{t('home.noAccessText', { email: email ?? '' })}</Body1>
      <Body1 as="p">
        {t('home.haveCode')} <Link to="/invitations/accept">{t('home.enterCode')}</Link>
      </Body1>
    </Stack>
  );
}
