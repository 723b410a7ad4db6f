import { Body1, Button } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';
import { PageHeader, Stack } from '../ui/page';
import { ProblemMessage } from '../ui/problem-message';

/** A page that failed to load or render: a sentence and a way on, never a stack. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  // A new deployment replaced the chunk this tab wanted: a reload fetches the current one.
  const stale =
    error instanceof TypeError && /dynamically imported module|Importing a module script/.test(error.message);
  return (
    <Stack>
      <PageHeader title={t(stale ? 'routeError.staleTitle' : 'routeError.title')} />
      {stale ? <Body1 as="p">{t('routeError.staleText')}</Body1> : <ProblemMessage error={error} />}
      <div>
        <Button appearance="primary" onClick={() => window.location.reload()}>
          {t('routeError.reload')}
        </Button>
      </div>
    </Stack>
  );
}
