import { Body1, Button, Field, Spinner } from '@fluentui/react-components';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { chooseMembership } from '../../api/membership';
import { useAuth } from '../../app/auth';
import { LanguageSelect } from '../../app/language-switch';
import { activeMembership, useMe } from '../../app/me';
import { DataTable } from '../../ui/data-table';
import { EmptyState } from '../../ui/empty-state';
import { PageHeader, Section, Stack } from '../../ui/page';
import { ProblemMessage } from '../../ui/problem-message';
import { membershipLine } from '../partner/partner-layout';

/** Me: who I am signed in as, my memberships (switch), the administrator areas, language, sign out. */
export function MePage() {
  const { t } = useTranslation();
  const auth = useAuth();
  const me = useMe();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [, rerender] = useState(0);
  if (me.isPending) return <Spinner label={t('common.loading')} />;
  if (me.error) return <ProblemMessage error={me.error} />;
  const active = activeMembership(me.data);
  return (
    <Stack>
      <PageHeader
        title={t('me.title')}
        subtitle={t('me.signedInAs', { name: me.data.name ?? '', email: me.data.email ?? me.data.subject })}
      />
      <Section title={t('me.memberships')}>
        <DataTable
          caption={t('me.memberships')}
          rows={me.data.memberships}
          rowKey={(m) => m.membershipId}
          empty={<EmptyState title={t('me.noMemberships')} />}
          columns={[
            { id: 'partner', header: t('invitations.partner'), cell: (m) => m.partnerName ?? m.partnerNo },
            { id: 'what', header: t('me.membership'), cell: (m) => membershipLine(m, t) },
            {
              id: 'use',
              header: t('common.actions'),
              cell: (m) =>
                active?.membershipId === m.membershipId ? (
                  <Body1>{t('me.current')}</Body1>
                ) : (
                  <Button
                    onClick={() => {
                      chooseMembership(m.membershipId);
                      void client.invalidateQueries({ queryKey: ['partner'] });
                      rerender((n) => n + 1);
                      navigate('/portal');
                    }}
                  >
                    {t('memberships.use', { partner: m.partnerName ?? m.partnerNo })}
                  </Button>
                ),
            },
          ]}
        />
      </Section>
      {me.data.administratorOf.length > 0 ? (
        <Section title={t('me.administers')}>
          <Body1>{me.data.administratorOf.join(', ')}</Body1>
        </Section>
      ) : null}
      <Section title={t('me.language')}>
        <Field label={t('me.language')}>
          <LanguageSelect />
        </Field>
      </Section>
      <div>
        <Button onClick={() => void auth.signOut()}>{t('auth.signOut')}</Button>
      </div>
    </Stack>
  );
}
