import { FluentProvider, Spinner, webLightTheme } from '@fluentui/react-components';
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { whenUnauthorized } from '../api/client';
import { createI18n } from '../i18n/i18n';
import { AuthProvider, createUserManager, useAuth } from './auth';
import { loadClientConfig, type ClientConfig } from './client-config';
import { createQueryClient } from './query-client';
import { AppRoutes, loadPagesOf } from './router';
import './global.css';

const { i18n, ready: languageReady } = createI18n();

/** The app: language, theme, server state, sign-in and the routes; configured by the gateway it is served from. */
export function App() {
  const [config, setConfig] = useState<ClientConfig | undefined>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    Promise.all([loadClientConfig(), languageReady, loadPagesOf(window.location.pathname)]).then(
      ([loaded]) => setConfig(loaded),
      () => setFailed(true),
    );
  }, []);
  return (
    <I18nextProvider i18n={i18n}>
      <FluentProvider theme={webLightTheme}>
        {config ? (
          <Configured config={config} />
        ) : failed ? (
          <p role="alert" style={{ padding: 24 }}>
            {i18n.t('app.unavailable')}
          </p>
        ) : (
          // No label yet: the person's language may still be on its way.
          <Spinner style={{ padding: 48 }} />
        )}
      </FluentProvider>
    </I18nextProvider>
  );
}

function Configured({ config }: { config: ClientConfig }) {
  const manager = useMemo(() => createUserManager(config), [config]);
  const queryClient = useMemo(() => createQueryClient(), []);
  return (
    <AuthProvider manager={manager}>
      <QueryClientProvider client={queryClient}>
        <SessionWatch />
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </QueryClientProvider>
    </AuthProvider>
  );
}

/** A token the gateway refuses ends the session: the app says so instead of failing page by page. */
function SessionWatch() {
  const auth = useAuth();
  useEffect(() => whenUnauthorized(auth.sessionEnded), [auth.sessionEnded]);
  return null;
}
