import { Body1, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, NavLink, Outlet, useParams } from 'react-router';
import { useMe } from '../../app/me';
import { AppToaster } from '../../app/toaster';
import { PageHeader, Stack } from '../../ui/page';
import { ProblemMessage } from '../../ui/problem-message';

const useStyles = makeStyles({
  frame: { display: 'grid', gridTemplateColumns: '14rem 1fr', gap: tokens.spacingHorizontalXXL, alignItems: 'start' },
  nav: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    position: 'sticky',
    top: tokens.spacingVerticalL,
  },
  tenant: {
    color: tokens.colorNeutralForeground3,
    padding: `0 ${tokens.spacingHorizontalS}`,
    marginBottom: tokens.spacingVerticalS,
  },
  link: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground1,
    textDecoration: 'none',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  active: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    fontWeight: tokens.fontWeightSemibold,
    borderLeft: `3px solid ${tokens.colorBrandStroke1}`,
  },
  content: { minWidth: 0 },
});

/** The administrator's pages, each a link of the side menu. */
const PAGES = [
  { to: '', key: 'overview', end: true },
  { to: 'invite', key: 'invite' },
  { to: 'invitations', key: 'invitations' },
  { to: 'portal-users', key: 'portalUsers' },
  { to: 'licenses', key: 'licenses' },
  { to: 'administrators', key: 'administrators' },
  { to: 'connector-keys', key: 'connectorKeys' },
  { to: 'connector-webhooks', key: 'connectorWebhooks' },
  { to: 'settings', key: 'settings' },
  { to: 'partners', key: 'partners' },
] as const;

/** `/admin/:tenantId/...`: only for administrators of that tenant (the gateway decides; this hides the rest). */
export function AdminLayout() {
  const styles = useStyles();
  const { t } = useTranslation();
  const { tenantId = '' } = useParams();
  const me = useMe();
  if (me.isPending) return <Spinner label={t('common.loading')} />;
  if (me.error) return <ProblemMessage error={me.error} />;
  if (!me.data.administratorOf.includes(tenantId)) {
    return (
      <Stack>
        <PageHeader title={t('admin.notAdminTitle')} />
        <Body1 as="p">{t('admin.notAdminText', { tenantId })}</Body1>
        <Link to="/">{t('notFound.home')}</Link>
      </Stack>
    );
  }
  return (
    <div className={styles.frame}>
      <nav className={styles.nav} aria-label={t('admin.menu')}>
        <div className={styles.tenant}>{t('admin.tenant', { tenantId })}</div>
        {PAGES.map((page) => (
          <NavLink
            key={page.key}
            to={`/admin/${encodeURIComponent(tenantId)}${page.to ? `/${page.to}` : ''}`}
            end={'end' in page}
            className={({ isActive }) => (isActive ? `${styles.link} ${styles.active}` : styles.link)}
          >
            {t(`admin.nav.${page.key}`)}
          </NavLink>
        ))}
      </nav>
      <div className={styles.content}>
        <Outlet />
      </div>
      <AppToaster />
    </div>
  );
}

/** `/admin`: the one tenant the person administers, or a choice. */
export function AdminHomePage() {
  const { t } = useTranslation();
  const me = useMe();
  if (me.isPending) return <Spinner label={t('common.loading')} />;
  if (me.error) return <ProblemMessage error={me.error} />;
  const tenants = me.data.administratorOf;
  if (tenants.length === 1) return <Navigate to={`/admin/${encodeURIComponent(tenants[0])}`} replace />;
  return (
    <Stack>
      <PageHeader title={t('admin.chooseTenant')} />
      {tenants.length === 0 ? <Body1 as="p">{t('admin.noTenants')}</Body1> : null}
      <ul>
        {tenants.map((tenant) => (
          <li key={tenant}>
            <Link to={`/admin/${encodeURIComponent(tenant)}`}>{tenant}</Link>
          </li>
        ))}
      </ul>
    </Stack>
  );
}

/** The tenant of the admin page being shown. */
export function useTenantId(): string {
  return useParams().tenantId ?? '';
}
