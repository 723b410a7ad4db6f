import { makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { useWorkspace } from './workspace';

const useStyles = makeStyles({
  nav: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    marginBottom: tokens.spacingVerticalL,
  },
  link: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    color: tokens.colorNeutralForeground1,
    textDecoration: 'none',
    borderBottom: '3px solid transparent',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  active: { borderBottomColor: tokens.colorBrandStroke1, fontWeight: tokens.fontWeightSemibold },
});

/** The workspace's menu (only what this partner and role may use, as the gateway says), then the page. */
export function WorkspaceFrame() {
  const styles = useStyles();
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const linkClass = ({ isActive }: { isActive: boolean }) =>
    isActive ? `${styles.link} ${styles.active}` : styles.link;
  const { perspective, may } = workspace;
  return (
    <>
      <nav className={styles.nav} aria-label={t('workspace.nav')}>
        <NavLink to={workspace.to()} end className={linkClass}>
          {t('workspace.home')}
        </NavLink>
        {perspective.documentTypes.map((type) => (
          <NavLink key={type} to={workspace.to(`documents/${type}`)} className={linkClass}>
            {t(`documentTypes.${type}`)}
          </NavLink>
        ))}
        {may.seeStock ? (
          <NavLink to={workspace.to('stock')} className={linkClass}>
            {t('workspace.stock')}
          </NavLink>
        ) : null}
        {perspective.placesOrders ? (
          <NavLink to={workspace.to('orders')} className={linkClass}>
            {t('workspace.orders')}
          </NavLink>
        ) : null}
        {may.manageColleagues ? (
          <NavLink to={workspace.to('colleagues')} className={linkClass}>
            {t('workspace.colleagues')}
          </NavLink>
        ) : null}
      </nav>
      <Outlet />
    </>
  );
}
