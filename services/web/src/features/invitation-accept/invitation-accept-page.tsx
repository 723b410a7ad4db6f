import {
  Body1,
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle1,
  Text,
  tokens,
} from '@fluentui/react-components';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod/mini';
import { api, call } from '../../api/client';
import { chooseMembership } from '../../api/membership';
import type { ApiProblem } from '../../api/problem';
import type { Ok } from '../../api/types';
import { currentPath, useAuth } from '../../app/auth';
import { useFormat } from '../../ui/format';
import { PageHeader, Panel, Stack } from '../../ui/page';
import { problemText } from '../../ui/problem-text';

type Preview = Ok<'/api/portal/invitations/preview', 'post'>;
type Accepted = Ok<'/api/portal/invitations/accept', 'post'>;

const useStyles = makeStyles({
  card: { maxWidth: '40rem' },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    margin: 0,
  },
});

/** "ABCDE-FGHJK": ten letters and digits; case, spaces and the dash do not matter. */
const codeForm = z.object({
  code: z.pipe(
    z.pipe(
      z.string().check(z.trim()),
      z.transform((v: string) => v.replace(/[\s-]/g, '').toUpperCase()),
    ),
    z.string().check(z.regex(/^[A-Z0-9]{10}$/, 'accept.codeInvalid')),
  ),
});

/**
 * What the invitation e-mail's link opens: who invites, to which company and partner, until when; sign in; the
 * seed's message and the Accept button. Without a link, the registration code from the e-mail works too.
 */
export function InvitationAcceptPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? undefined;
  useEffect(() => {
    document.title = `${t('accept.title')} · ${t('app.name')}`;
  }, [t]);
  return token ? <AcceptByLink token={token} /> : <AcceptByCode />;
}

function AcceptByLink({ token }: { token: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const auth = useAuth();
  const preview = useQuery({
    queryKey: ['invitation-preview', token],
    queryFn: () => call(api.POST('/api/portal/invitations/preview', { body: { token } })),
    retry: false,
    staleTime: Infinity,
  });
  const accept = useAccept();
  if (preview.isPending) return <Spinner label={t('common.loading')} />;
  if (preview.error) return <InvitationRefused error={preview.error} />;
  const invitation = preview.data;
  return (
    <Stack>
      <PageHeader title={t('accept.title')} />
      <Panel
        className={styles.card}
        heading={
          <Subtitle1 as="h2">
            {t('accept.invitedBy', {
              inviter: invitation.inviterName ?? invitation.companyName,
              company: invitation.companyName,
            })}
          </Subtitle1>
        }
      >
        <dl className={styles.facts}>
          <dt>{t('common.company')}</dt>
          <dd style={{ margin: 0 }}>{invitation.companyName}</dd>
          <dt>{t('accept.partner')}</dt>
          <dd style={{ margin: 0 }}>
            {invitation.partnerName ?? '—'}
            {invitation.partnerType ? ` (${t(`partnerType.${invitation.partnerType}`)})` : ''}
          </dd>
          <dt>{t('common.role')}</dt>
          <dd style={{ margin: 0 }}>{t(`role.${invitation.role}`)}</dd>
          <dt>{t('common.environment')}</dt>
          <dd style={{ margin: 0 }}>
            {invitation.environment} ({t(`environmentType.${invitation.environmentType}`)})
          </dd>
          <dt>{t('accept.expires')}</dt>
          <dd style={{ margin: 0 }}>{format.dateTime(invitation.expiresAt)}</dd>
        </dl>
        {invitation.environmentType === 'sandbox' ? (
          <MessageBar intent="warning">
            <MessageBarBody>{t('accept.sandbox')}</MessageBarBody>
          </MessageBar>
        ) : null}
        {!auth.user ? (
          <Stack>
            <Body1 as="p">{t('accept.signInFirst')}</Body1>
            <div>
              <Button appearance="primary" onClick={() => void auth.signIn(currentPath())}>
                {t('accept.signInToAccept')}
              </Button>
            </div>
          </Stack>
        ) : (
          <AcceptAsSignedIn preview={invitation} accept={accept} body={{ token }} />
        )}
      </Panel>
    </Stack>
  );
}

/** Accepting, then waiting until partner-identity has made the person a portal user, then the partner area. */
function useAccept() {
  const client = useQueryClient();
  const navigate = useNavigate();
  const auth = useAuth();
  return useMutation({
    mutationFn: async (body: { token: string } | { code: string }): Promise<Accepted> => {
      const accepted = await call(api.POST('/api/portal/invitations/accept', { body }));
      // The membership follows within moments through the event flow; the partner area needs it.
      for (let attempt = 0; attempt < 40; attempt += 1) {
        const me = await call(api.GET('/api/portal/me'));
        const membership = me.memberships.find(
          (m) =>
            m.partnerNo === accepted.partnerNo &&
            m.companyId === accepted.companyId &&
            m.environment === accepted.environment,
        );
        if (membership) {
          chooseMembership(membership.membershipId);
          client.setQueryData(['me', auth.user?.profile.sub], me);
          return accepted;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      return accepted;
    },
    onSuccess: () => navigate('/portal?welcome=1'),
  });
}

function AcceptAsSignedIn({
  preview,
  accept,
  body,
}: {
  preview: Preview;
  accept: ReturnType<typeof useAccept>;
  body: { token: string };
}) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Body1 as="p">{t('accept.message', { company: preview.companyName })}</Body1>
      {accept.error ? <AcceptRefusal error={accept.error} /> : null}
      <div>
        <Button appearance="primary" size="large" disabled={accept.isPending} onClick={() => accept.mutate(body)}>
          {accept.isPending ? t('accept.accepting') : t('accept.accept')}
        </Button>
      </div>
    </Stack>
  );
}

/** A refusal of Accept: its sentence, and for a different e-mail the way to continue as another account. */
function AcceptRefusal({ error }: { error: ApiProblem }) {
  const { t } = useTranslation();
  const auth = useAuth();
  const { title, text } = problemText(error, t);
  return (
    <MessageBar intent="error" role="alert" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {text}
        {error.code === 'email_mismatch' ? (
          <div style={{ marginTop: tokens.spacingVerticalS }}>
            <Button onClick={() => void auth.signOut(currentPath())}>{t('accept.switchAccount')}</Button>
          </div>
        ) : null}
      </MessageBarBody>
    </MessageBar>
  );
}

/** A link that cannot be used: a page of its own saying why and what to do, nothing about the invitation. */
function InvitationRefused({ error }: { error: ApiProblem }) {
  const { t } = useTranslation();
  const { text } = problemText(error, t);
  const key =
    error.code &&
    ['expired', 'revoked', 'already_accepted', 'replaced', 'locked', 'rejected', 'not_sent_yet'].includes(error.code)
      ? error.code
      : error.status === 404
        ? 'unknown'
        : undefined;
  return (
    <Stack>
      <PageHeader title={key ? t(`accept.refused.${key}`) : t('accept.title')} />
      <MessageBar intent={key === 'already_accepted' ? 'info' : 'error'} role="alert" layout="multiline">
        <MessageBarBody>{text}</MessageBarBody>
      </MessageBar>
      <Body1 as="p">
        {t('accept.useCodeInstead')} <a href="/invitations/accept">{t('home.enterCode')}</a>
      </Body1>
    </Stack>
  );
}

function AcceptByCode() {
  const styles = useStyles();
  const { t } = useTranslation();
  const auth = useAuth();
  const accept = useAccept();
  const form = useForm<{ code: string }>({ resolver: zodResolver(codeForm), defaultValues: { code: '' } });
  const codeError = form.formState.errors.code?.message;
  return (
    <Stack>
      <PageHeader title={t('accept.byCodeTitle')} />
      <Panel className={styles.card}>
        <Body1 as="p">{t('accept.byCodeText')}</Body1>
        {!auth.user ? (
          <div>
            <Button appearance="primary" onClick={() => void auth.signIn(currentPath())}>
              {t('accept.signInToAccept')}
            </Button>
          </div>
        ) : (
          <form onSubmit={(e) => void form.handleSubmit(({ code }) => accept.mutate({ code }))(e)} noValidate>
            <Stack>
              <Field
                label={t('accept.code')}
                required
                hint={t('accept.codeHint')}
                validationMessage={codeError ? t(codeError) : undefined}
              >
                <Input {...form.register('code')} autoComplete="one-time-code" spellCheck={false} />
              </Field>
              {accept.error ? <AcceptRefusal error={accept.error} /> : null}
              <div>
                <Button type="submit" appearance="primary" disabled={accept.isPending}>
                  {accept.isPending ? t('accept.accepting') : t('accept.accept')}
                </Button>
              </div>
              <Text size={200}>
                {t('accept.signedInAs', { email: auth.user.profile.email ?? auth.user.profile.sub })}
              </Text>
            </Stack>
          </form>
        )}
      </Panel>
    </Stack>
  );
}
