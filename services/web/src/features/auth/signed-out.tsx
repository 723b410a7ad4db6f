import { Body1, Button } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { safeReturnPath, useAuth, type ReturnState } from '../../app/auth';
import { PageHeader, Stack } from '../../ui/page';

/** After signing out at the provider: says so, and offers to sign in again (as someone else, if need be). */
export function SignedOutPage() {
  const auth = useAuth();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [returnTo, setReturnTo] = useState('/');
  useEffect(() => {
    if (!params.get('state')) return;
    auth.manager.signoutRedirectCallback().then(
      (response) => setReturnTo(safeReturnPath((response.userState as ReturnState | undefined)?.returnTo)),
      () => undefined,
    );
  }, [auth.manager, params]);
  return (
    <Stack>
      <PageHeader title={t('auth.signedOutTitle')} />
      <Body1 as="p">{t('auth.signedOutText')}</Body1>
      <div>
        <Button appearance="primary" onClick={() => void auth.signIn(returnTo)}>
          {t('auth.signIn')}
        </Button>
      </div>
    </Stack>
  );
}

/** The access token ended (or the gateway refused it): a clear page, not a failing one. */
export function SessionEndedPage() {
  const auth = useAuth();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const returnTo = safeReturnPath(params.get('returnTo'));
  return (
    <Stack>
      <PageHeader title={t('auth.endedTitle')} />
      <Body1 as="p">{t('auth.endedText')}</Body1>
      <div>
        <Button appearance="primary" onClick={() => void auth.signIn(returnTo)}>
          {t('auth.signInAgain')}
        </Button>
      </div>
    </Stack>
  );
}
