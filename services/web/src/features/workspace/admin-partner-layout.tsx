import { MessageBar, MessageBarBody, MessageBarTitle, Spinner } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMe } from '../../app/me';
import { ProblemMessage } from '../../ui/problem-message';
import { usePartners } from '../invitations/directory-hooks';
import { adminWorkspace, WorkspaceProvider, type PartnerTypeValue } from './workspace';
import { WorkspaceFrame } from './workspace-frame';

/**
 * `/admin/:tenantId/partners/:environment/:companyId/:partnerType/:partnerNo/...`: the partner's own pages, read-only,
 * for an administrator of the tenant (AdminLayout around it refuses anyone else).
 */
export function AdminPartnerLayout() {
  const { t } = useTranslation();
  const { tenantId = '', environment = '', companyId = '', partnerType = '', partnerNo = '' } = useParams();
  const me = useMe();
  const found = usePartners(
    tenantId,
    { environment, companyId },
    { search: partnerNo, type: partnerType as PartnerTypeValue, pageSize: 5 },
  );
  if (me.isPending) return <Spinner label={t('common.loading')} />;
  if (me.error) return <ProblemMessage error={me.error} />;
  const partnerName = found.data?.items.find((p) => p.partnerNo === partnerNo)?.name ?? null;
  const workspace = adminWorkspace(me.data, tenantId, {
    environment,
    companyId,
    partnerType: partnerType as PartnerTypeValue,
    partnerNo,
    partnerName,
  });
  const partner = partnerName ? `${partnerName} (${partnerNo})` : partnerNo;
  return (
    <WorkspaceProvider workspace={workspace}>
      <MessageBar intent="info" layout="multiline" role="note" style={{ marginBottom: 16 }}>
        <MessageBarBody>
          <MessageBarTitle>{t('workspace.adminBannerTitle')}</MessageBarTitle>
          {t('workspace.adminBanner', { partner })}{' '}
          <Link to={`/admin/${encodeURIComponent(tenantId)}/partners`}>{t('workspace.otherPartner')}</Link>
        </MessageBarBody>
      </MessageBar>
      <WorkspaceFrame />
    </WorkspaceProvider>
  );
}
