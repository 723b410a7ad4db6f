import { Button, Field, SpinButton, Spinner, Switch, Text } from '@fluentui/react-components';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { api, call } from '../../api/client';
import type { Ok } from '../../api/types';
import { PageHeader, Stack } from '../../ui/page';
import { fieldProblem } from '../../ui/problem-text';
import { ProblemMessage } from '../../ui/problem-message';
import { useTenantId } from '../admin/admin-layout';

/** The API keeps hours (1 hour to 90 days); people think in days. */
const settingsForm = z.object({
  expiryDays: z
    .number({ error: 'settings.expiryInvalid' })
    .check(
      z.int('settings.expiryInvalid'),
      z.minimum(1, 'settings.expiryInvalid'),
      z.maximum(90, 'settings.expiryInvalid'),
    ),
  requireEmailMatch: z.boolean(),
  autoInvite: z.boolean(),
});
type SettingsForm = z.infer<typeof settingsForm>;

type Settings = Ok<'/api/admin/tenants/{tenantId}/invitation-settings', 'get'>;

const toForm = (saved: Settings): SettingsForm => ({
  expiryDays: Math.max(1, Math.round(saved.invitationTtlHours / 24)),
  requireEmailMatch: saved.requireEmailMatch,
  autoInvite: saved.autoInvite,
});

/** Invitation settings: how long a link lives, whether the sign-in e-mail must match, automatic ERP invitations. */
export function SettingsPage() {
  const { t } = useTranslation();
  const tenantId = useTenantId();
  const settings = useQuery({
    queryKey: ['settings', tenantId],
    queryFn: () =>
      call(api.GET('/api/admin/tenants/{tenantId}/invitation-settings', { params: { path: { tenantId } } })),
  });
  return (
    <Stack>
      <PageHeader title={t('settings.title')} />
      <ProblemMessage error={settings.error} />
      {settings.isPending ? <Spinner label={t('common.loading')} /> : null}
      {/* The form starts from what is saved, never from empty fields that fill in a moment later. */}
      {settings.data ? <SettingsEditor tenantId={tenantId} saved={settings.data} /> : null}
    </Stack>
  );
}

function SettingsEditor({ tenantId, saved }: { tenantId: string; saved: Settings }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useForm<SettingsForm>({ resolver: zodResolver(settingsForm), defaultValues: toForm(saved) });
  const save = useMutation({
    mutationFn: (values: SettingsForm) =>
      call(
        api.PUT('/api/admin/tenants/{tenantId}/invitation-settings', {
          params: { path: { tenantId } },
          body: {
            invitationTtlHours: values.expiryDays * 24,
            requireEmailMatch: values.requireEmailMatch,
            autoInvite: values.autoInvite,
          },
        }),
      ),
    onSuccess: (next) => {
      client.setQueryData(['settings', tenantId], next);
      form.reset(toForm(next));
    },
  });
  const expiryError = form.formState.errors.expiryDays?.message;
  return (
    <form onSubmit={(e) => void form.handleSubmit((values) => save.mutate(values))(e)} noValidate>
      <Stack>
        <Field
          label={t('settings.expiryDays')}
          hint={t('settings.expiryHint')}
          validationMessage={expiryError ? t(expiryError) : fieldProblem(save.error, 'invitationTtlHours')}
        >
          <Controller
            control={form.control}
            name="expiryDays"
            render={({ field }) => (
              <SpinButton
                min={1}
                max={90}
                value={field.value ?? null}
                onChange={(_, data) => {
                  const value = data.value ?? Number(data.displayValue);
                  field.onChange(Number.isFinite(value) ? value : undefined);
                }}
              />
            )}
          />
        </Field>
        <Controller
          control={form.control}
          name="requireEmailMatch"
          render={({ field }) => (
            <Switch
              checked={Boolean(field.value)}
              onChange={(_, d) => field.onChange(d.checked)}
              label={t('settings.requireEmailMatch')}
            />
          )}
        />
        <Text size={200}>{t('settings.requireEmailMatchHint')}</Text>
        <Controller
          control={form.control}
          name="autoInvite"
          render={({ field }) => (
            <Switch
              checked={Boolean(field.value)}
              onChange={(_, d) => field.onChange(d.checked)}
              label={t('settings.autoInvite')}
            />
          )}
        />
        <Text size={200}>{t('settings.autoInviteHint')}</Text>
        <ProblemMessage
          error={save.error && !fieldProblem(save.error, 'invitationTtlHours') ? save.error : undefined}
        />
        {save.isSuccess && !form.formState.isDirty ? <Text role="status">{t('settings.saved')}</Text> : null}
        <div>
          <Button type="submit" appearance="primary" disabled={save.isPending}>
            {t('common.save')}
          </Button>
        </div>
      </Stack>
    </form>
  );
}
