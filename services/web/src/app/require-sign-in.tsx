import { Spinner } from '@fluentui/react-components';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { currentPath, useAuth } from './auth';

/** Pages for signed-in people: sends everyone else to sign in, and back here afterwards. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const auth = useAuth();
  const { t } = useTranslation();
  const mustSignIn = auth.ready && !auth.user && !auth.ended;
  useEffect(() => {
    if (mustSignIn) void auth.signIn(currentPath());
  }, [mustSignIn, auth]);
  if (auth.ended && !auth.user) {
    return <Navigate to={`/session-ended?returnTo=${encodeURIComponent(currentPath())}`} replace />;
  }
  if (!auth.user) return <Spinner label={t(auth.ready ? 'auth.redirecting' : 'common.loading')} />;
  return <>{children}</>;
}
