import { makeStyles, mergeClasses, Subtitle2, Title2, tokens } from '@fluentui/react-components';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    alignItems: 'flex-end',
    justifyContent: 'space-between',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    marginBottom: tokens.spacingVerticalL,
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  section: {
    marginBottom: tokens.spacingVerticalXXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', alignItems: 'flex-end' },
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
  },
});

/** The page's title in the tab (screen readers announce it on navigation) and as its one h1. */
export function PageHeader({ title, subtitle, actions }: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  const styles = useStyles();
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <div className={styles.header}>
      <div>
        <Title2 as="h1">{title}</Title2>
        {subtitle ? <div>{subtitle}</div> : null}
      </div>
      {actions ? <div className={styles.actions}>{actions}</div> : null}
    </div>
  );
}

/** A titled part of a page (h2). */
export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-label={title}>
      <div className={styles.actions} style={{ justifyContent: 'space-between', alignItems: 'center' }}>
        <Subtitle2 as="h2">{title}</Subtitle2>
        {actions}
      </div>
      {children}
    </section>
  );
}

export const Stack = ({ children }: { children: ReactNode }) => <div className={useStyles().stack}>{children}</div>;
export const Row = ({ children }: { children: ReactNode }) => <div className={useStyles().row}>{children}</div>;

/** A raised box of related content: Fluent's card look without the card's interactive machinery (and its weight). */
export function Panel({
  heading,
  className,
  children,
}: {
  heading?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={mergeClasses(useStyles().panel, className)}>
      {heading}
      {children}
    </div>
  );
}
