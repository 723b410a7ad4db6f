import { Body1, Button } from '@fluentui/react-components';
import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader, Stack } from '../ui/page';
import { ProblemMessage } from '../ui/problem-message';

/** A page that failed to load or render: a sentence and a way on, never a stack. */
export function RouteError({ error }: { error: unknown }) {
  const { t } = useTranslation();
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

type BoundaryState = { error?: unknown; failed: boolean; pathname: string };

/**
 * Catches what a page throws (or a page chunk that fails to load); the frame around it stays usable, and the next
 * address starts afresh.
 */
export class RouteErrorBoundary extends Component<{ pathname: string; children: ReactNode }, BoundaryState> {
  override state: BoundaryState = { failed: false, pathname: this.props.pathname };

  static getDerivedStateFromError(error: unknown) {
    return { error, failed: true };
  }

  static getDerivedStateFromProps(props: { pathname: string }, state: BoundaryState) {
    return props.pathname === state.pathname ? null : { error: undefined, failed: false, pathname: props.pathname };
  }

  override render() {
    return this.state.failed ? <RouteError error={this.state.error} /> : this.props.children;
  }
}
