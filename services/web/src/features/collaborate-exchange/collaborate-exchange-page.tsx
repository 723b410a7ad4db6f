import {
  Badge,
  Body1,
  Button,
  makeStyles,
  Spinner,
  Subtitle2,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { PersonAdd24Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { LicenseCounter } from '../../ui/license-counter';
import { PageHeader, Panel, Stack } from '../../ui/page';
import { ProblemMessage } from '../../ui/problem-message';
import { useTenantId } from '../admin/admin-layout';
import { useAddToCart, useOverview, useSetModule } from './licensing-hooks';
import { RecentPurchases } from './licenses-page';

const useStyles = makeStyles({
  cards: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(24rem, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
  status: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

/** The seed's page: is the ERP extension there, is the module on, how many licenses, and the way to buy more. */
export function CollaborateExchangePage() {
  const styles = useStyles();
  const { t } = useTranslation();
  const tenantId = useTenantId();
  const navigate = useNavigate();
  const overview = useOverview(tenantId);
  const setModule = useSetModule(tenantId);
  const addToCart = useAddToCart(tenantId);
  if (overview.isPending) return <Spinner label={t('common.loading')} />;
  if (overview.error) return <ProblemMessage error={overview.error} />;
  const { module, pool } = overview.data;
  return (
    <Stack>
      <PageHeader
        title={t('cx.title')}
        subtitle={t('cx.subtitle')}
        actions={
          <Button appearance="primary" icon={<PersonAdd24Regular />} onClick={() => navigate('invite')}>
            {t('cx.invite')}
          </Button>
        }
      />
      <div className={styles.cards}>
        <Panel heading={<Subtitle2 as="h2">{t('cx.module')}</Subtitle2>}>
          <div className={styles.status}>
            <Body1>{t('cx.extension')}</Body1>
            <Badge color={module.extensionInstalled ? 'success' : 'warning'} appearance="tint">
              {module.extensionInstalled ? t('cx.installed') : t('cx.notInstalled')}
            </Badge>
          </div>
          {module.extensions.length > 0 ? (
            <Table size="extra-small">
              <caption className="visually-hidden">{t('cx.extensions')}</caption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t('common.environment')}</TableHeaderCell>
                  <TableHeaderCell>{t('common.company')}</TableHeaderCell>
                  <TableHeaderCell>{t('cx.extension')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {module.extensions.map((e) => (
                  <TableRow key={`${e.environment}/${e.companyId}`}>
                    <TableCell>
                      {e.environment} ({t(`environmentType.${e.environmentType}`)})
                    </TableCell>
                    <TableCell>{e.companyId}</TableCell>
                    <TableCell>
                      {e.installed
                        ? t('cx.installedVersion', { version: e.extensionVersion ?? '?' })
                        : t('cx.notInstalled')}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          ) : (
            <Body1 as="p">{t('cx.noExtensionYet')}</Body1>
          )}
          <Switch
            checked={module.serverModuleActive}
            disabled={setModule.isPending}
            onChange={(_, data) => setModule.mutate(data.checked)}
            label={module.serverModuleActive ? t('cx.serverModuleOn') : t('cx.serverModuleOff')}
          />
          <ProblemMessage error={setModule.error} />
        </Panel>
        <Panel heading={<Subtitle2 as="h2">{t('cx.licenses')}</Subtitle2>}>
          <LicenseCounter pool={pool} onAdd={() => addToCart.mutate(1)} adding={addToCart.isPending} />
          <ProblemMessage error={addToCart.error} />
          {addToCart.isSuccess ? (
            <Body1 role="status">{t('cx.addedToCart', { count: addToCart.data.quantity })}</Body1>
          ) : null}
          <Link to="licenses">{t('cx.purchasesAndLedger')}</Link>
        </Panel>
      </div>
      <RecentPurchases tenantId={tenantId} />
    </Stack>
  );
}
