import { Body1, Button, makeStyles, Spinner, Subtitle2, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { useAuth } from '../../app/auth';
import { useMe } from '../../app/me';
import { PageHeader, Panel, Stack } from '../../ui/page';
import { ProblemMessage } from '../../ui/problem-message';
import { NoAccess } from './no-access';

const useStyles = makeStyles({
  cards: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(18rem, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
});

/** The start: a welcome with sign-in; once signed in, the area the person may use (or a choice of both). */
export function HomePage() {
  const auth = useAuth();
  const { t } = useTranslation();
  if (!auth.ready) return <Spinner label={t('common.loading')} />;
  if (!auth.user) {
    return (
      <Stack>
        <PageHeader title={t('home.welcomeTitle')} />
        <Body1 as="p">{t('home.welcomeText')}</Body1>
        <div>
          <Button appearance="primary" onClick={() => void auth.signIn('/')}>
            {t('auth.signIn')}
          </Button>
        </div>
        <Body1 as="p">
          {t('home.haveCode')} <Link to="/invitations/accept">{t('home.enterCode')}</Link>
        </Body1>
      </Stack>
    );
  }
  return <SignedInHome />;
}

function SignedInHome() {
  const styles = useStyles();
  const { t } = useTranslation();
  const me = useMe();
  if (me.isPending) return <Spinner label={t('common.loading')} />;
  if (me.error) return <ProblemMessage error={me.error} />;
  const { administratorOf, memberships } = me.data;
  if (administratorOf.length > 0 && memberships.length === 0) return <Navigate to="/admin" replace />;
  if (administratorOf.length === 0 && memberships.length > 0) return <Navigate to="/portal" replace />;
  if (administratorOf.length === 0) {
    return <NoAccess email={me.data.email} />;
  }
  return (
    <Stack>
      <PageHeader title={t('home.chooseTitle')} />
      <div className={styles.cards}>
        <Panel heading={<Subtitle2 as="h2">{t('layout.adminArea')}</Subtitle2>}>
          <Body1>{t('home.adminText')}</Body1>
          <Link to="/admin">{t('home.openAdmin')}</Link>
        </Panel>
        <Panel heading={<Subtitle2 as="h2">{t('layout.partnerArea')}</Subtitle2>}>
          <Body1>{t('home.partnerText')}</Body1>
          <Link to="/portal">{t('home.openPartner')}</Link>
        </Panel>
      </div>
    </Stack>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <PageHeader title={t('notFound.title')} />
      <Body1 as="p">{t('notFound.text')}</Body1>
      <Link to="/">{t('notFound.home')}</Link>
    </Stack>
  );
}
