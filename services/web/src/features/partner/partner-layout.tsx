import { Button, makeStyles, Spinner, Subtitle2, Text, tokens } from '@fluentui/react-components';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chooseMembership } from '../../api/membership';
import { activeMembership, useMe, type Membership } from '../../app/me';
import { PageHeader, Panel, Stack } from '../../ui/page';
import { ProblemMessage } from '../../ui/problem-message';
import { NoAccess } from '../home/no-access';
import { memberWorkspace, WorkspaceProvider } from '../workspace/workspace';
import { WorkspaceFrame } from '../workspace/workspace-frame';

const useStyles = makeStyles({
  cards: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(18rem, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
});

/** The partner area acts through one membership: the only one, or the one the person chooses. */
export function PartnerLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const [, rerender] = useState(0);
  if (me.isPending) return <Spinner label={t('common.loading')} />;
  if (me.error) return <ProblemMessage error={me.error} />;
  if (me.data.memberships.length === 0) {
    return <NoAccess email={me.data.email} />;
  }
  const membership = activeMembership(me.data);
  if (!membership)
    return <MembershipChooser memberships={me.data.memberships} onChosen={() => rerender((n) => n + 1)} />;
  return (
    <WorkspaceProvider workspace={memberWorkspace(me.data, membership)}>
      <WorkspaceFrame />
    </WorkspaceProvider>
  );
}

/** For people who work for several partners (or in a sandbox too): which one now. */
export function MembershipChooser({ memberships, onChosen }: { memberships: Membership[]; onChosen(): void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const client = useQueryClient();
  return (
    <Stack>
      <PageHeader title={t('memberships.choose')} subtitle={t('memberships.chooseText')} />
      <div className={styles.cards}>
        {memberships.map((m) => (
          <Panel key={m.membershipId} heading={<Subtitle2 as="h2">{m.partnerName ?? m.partnerNo}</Subtitle2>}>
            <Text>{membershipLine(m, t)}</Text>
            <div>
              <Button
                appearance="primary"
                onClick={() => {
                  chooseMembership(m.membershipId);
                  void client.invalidateQueries({ queryKey: ['partner'] });
                  onChosen();
                }}
              >
                {t('memberships.use', { partner: m.partnerName ?? m.partnerNo })}
              </Button>
            </div>
          </Panel>
        ))}
      </div>
    </Stack>
  );
}

export function membershipLine(m: Membership, t: (key: string) => string): string {
  return [
    t(`partnerType.${m.partnerType}`),
    t(`role.${m.role}`),
    m.companyId,
    `${m.environment} (${t(`environmentType.${m.environmentType}`)})`,
  ].join(' · ');
}
