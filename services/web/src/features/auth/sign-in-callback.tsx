import { Button, Spinner } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { safeReturnPath, useAuth, type ReturnState } from '../../app/auth';
import { PageHeader, Stack } from '../../ui/page';

/** Where the identity provider sends the browser back with the code: exchanges it and goes where the person was going. */
export function SignInCallbackPage() {
  const auth = useAuth();
  const navigate = useNavigate();
  const { t } = useTranslation();
  const [failed, setFailed] = useState(false);
  const done = useRef(false);
  useEffect(() => {
    if (done.current) return;
    done.current = true;
    auth.manager.signinRedirectCallback().then(
      (user) => navigate(safeReturnPath((user.state as ReturnState | undefined)?.returnTo), { replace: true }),
      () => setFailed(true),
    );
  }, [auth.manager, navigate]);
  if (!failed) return <Spinner label={t('auth.completing')} />;
  return (
    <Stack>
      <PageHeader title={t('auth.failedTitle')} subtitle={t('auth.failedText')} />
      <div>
        <Button appearance="primary" onClick={() => void auth.signIn('/')}>
          {t('auth.signInAgain')}
        </Button>
      </div>
    </Stack>
  );
}
