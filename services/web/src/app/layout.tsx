import { Button, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { Person24Regular } from '@fluentui/react-icons';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useMatch } from 'react-router';
import { useAuth } from './auth';
import { LanguageSwitch } from './language-switch';
import { useMe } from './me';
import { RouteErrorBoundary } from './route-error';

/** The cart belongs to the admin area's chunk: a partner's browser never downloads it. */
const CartButton = lazy(() => import('../features/admin/admin-area').then((area) => ({ default: area.CartButton })));

const useStyles = makeStyles({
  skip: {
    position: 'absolute',
    left: '-10000px',
    ':focus': { left: tokens.spacingHorizontalM, top: tokens.spacingVerticalS, zIndex: 10 },
    backgroundColor: tokens.colorNeutralBackground1,
    padding: tokens.spacingHorizontalS,
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    minHeight: '48px',
  },
  brand: {
    color: tokens.colorNeutralForegroundOnBrand,
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase400,
    textDecoration: 'none',
    ':focus-visible': { outline: `2px solid ${tokens.colorNeutralForegroundOnBrand}` },
  },
  areas: { display: 'flex', gap: tokens.spacingHorizontalM, flexGrow: 1 },
  area: {
    color: tokens.colorNeutralForegroundOnBrand,
    textDecoration: 'none',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    ':hover': { backgroundColor: tokens.colorBrandBackgroundHover },
    ':focus-visible': { outline: `2px solid ${tokens.colorNeutralForegroundOnBrand}` },
  },
  current: { backgroundColor: tokens.colorBrandBackgroundPressed },
  icon: { verticalAlign: 'middle', marginRight: tokens.spacingHorizontalXS },
  tools: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    '& button': { color: tokens.colorNeutralForegroundOnBrand },
  },
  main: { padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`, maxWidth: '1400px', margin: '0 auto' },
});

/** The frame of every page: skip link, the areas the person may use, cart, language, account; then the page. */
export function AppLayout() {
  const styles = useStyles();
  const { t } = useTranslation();
  const auth = useAuth();
  const me = useMe();
  const location = useLocation();
  const adminTenant = useMatch('/admin/:tenantId/*')?.params.tenantId;
  const administers = me.data?.administratorOf ?? [];
  const memberships = me.data?.memberships ?? [];
  const areaClass = ({ isActive }: { isActive: boolean }) =>
    isActive ? `${styles.area} ${styles.current}` : styles.area;
  return (
    <>
      <a className={styles.skip} href="#main">
        {t('layout.skip')}
      </a>
      <header className={styles.header}>
        <Link to="/" className={styles.brand}>
          {t('app.name')}
        </Link>
        <nav className={styles.areas} aria-label={t('layout.areas')}>
          {administers.length > 0 ? (
            <NavLink to="/admin" className={areaClass}>
              {t('layout.adminArea')}
            </NavLink>
          ) : null}
          {memberships.length > 0 ? (
            <NavLink to="/portal" className={areaClass}>
              {t('layout.partnerArea')}
            </NavLink>
          ) : null}
        </nav>
        <div className={styles.tools}>
          {adminTenant && administers.includes(adminTenant) ? (
            <Suspense fallback={null}>
              <CartButton tenantId={adminTenant} />
            </Suspense>
          ) : null}
          <LanguageSwitch />
          {auth.user ? (
            <>
              <NavLink to="/me" className={areaClass} title={t('layout.me')}>
                <Person24Regular aria-hidden className={styles.icon} />
                {auth.user.profile.name ?? auth.user.profile.email ?? t('layout.account')}
              </NavLink>
              <Button appearance="subtle" onClick={() => void auth.signOut()}>
                {t('auth.signOut')}
              </Button>
            </>
          ) : (
            <Button appearance="subtle" onClick={() => void auth.signIn()}>
              {t('auth.signIn')}
            </Button>
          )}
        </div>
      </header>
      <main id="main" className={styles.main} tabIndex={-1}>
        <RouteErrorBoundary pathname={location.pathname}>
          <Suspense fallback={<Spinner label={t('common.loading')} />}>
            <Outlet />
          </Suspense>
        </RouteErrorBoundary>
      </main>
    </>
  );
}
