import { Button, Field, Text } from '@fluentui/react-components';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { api, call } from '../../api/client';
import type { Ok } from '../../api/types';
import { useAuth } from '../../app/auth';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { DataTable } from '../../ui/data-table';
import { EmptyState } from '../../ui/empty-state';
import { useFormat } from '../../ui/format';
import { PageHeader, Row, Section, Stack } from '../../ui/page';
import { fieldProblem } from '../../ui/problem-text';
import { FormInput } from '../../ui/form-input';
import { ProblemMessage } from '../../ui/problem-message';
import { useTenantId } from '../admin/admin-layout';

type Administrator = Ok<'/api/admin/tenants/{tenantId}/administrators', 'get'>[number];

const identityForm = z.object({
  issuer: z.url({ error: 'administrators.issuerInvalid' }),
  subject: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'administrators.subjectRequired'),
      z.maxLength(255, 'administrators.subjectRequired'),
    ),
});

/**
 * The tenant's administrator list: identities (issuer and subject, as the identity provider names people) that
 * may use this area besides those the provider marks as administrators.
 */
export function AdministratorsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const tenantId = useTenantId();
  const auth = useAuth();
  const client = useQueryClient();
  const path = { params: { path: { tenantId } } };
  const list = useQuery({
    queryKey: ['administrators', tenantId],
    queryFn: () => call(api.GET('/api/admin/tenants/{tenantId}/administrators', path)),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['administrators', tenantId] });
  const add = useMutation({
    mutationFn: (body: z.infer<typeof identityForm>) =>
      call(api.POST('/api/admin/tenants/{tenantId}/administrators', { ...path, body })),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (query: { issuer: string; subject: string }) =>
      call(api.DELETE('/api/admin/tenants/{tenantId}/administrators', { params: { path: { tenantId }, query } })),
    onSuccess: refresh,
  });
  const [removing, setRemoving] = useState<Administrator | undefined>();
  const form = useForm<z.infer<typeof identityForm>>({
    resolver: zodResolver(identityForm),
    defaultValues: { issuer: String(auth.user?.profile.iss ?? ''), subject: '' },
  });
  const error = (field: 'issuer' | 'subject') => {
    const message = form.formState.errors[field]?.message;
    return message ? t(message) : fieldProblem(add.error, field);
  };
  return (
    <Stack>
      <PageHeader title={t('administrators.title')} subtitle={t('administrators.subtitle')} />
      <ProblemMessage error={list.error ?? remove.error} />
      <DataTable
        caption={t('administrators.title')}
        rows={list.data}
        loading={list.isPending}
        rowKey={(a) => `${a.issuer} ${a.subject}`}
        empty={<EmptyState title={t('administrators.none')} text={t('administrators.noneText')} />}
        columns={[
          { id: 'subject', header: t('administrators.subject'), cell: (a) => a.subject },
          { id: 'issuer', header: t('administrators.issuer'), cell: (a) => a.issuer },
          { id: 'added', header: t('administrators.added'), cell: (a) => format.dateTime(a.addedAt) },
          {
            id: 'actions',
            header: t('common.actions'),
            cell: (a) => <Button onClick={() => setRemoving(a)}>{t('administrators.remove')}</Button>,
          },
        ]}
      />
      <Section title={t('administrators.add')}>
        <form
          onSubmit={(e) =>
            void form.handleSubmit((values) =>
              add.mutate(values, { onSuccess: () => form.reset({ ...values, subject: '' }) }),
            )(e)
          }
          noValidate
        >
          <Row>
            <Field label={t('administrators.issuer')} required validationMessage={error('issuer')}>
              <FormInput control={form.control} name="issuer" />
            </Field>
            <Field
              label={t('administrators.subject')}
              required
              validationMessage={error('subject')}
              hint={t('administrators.subjectHint')}
            >
              <FormInput control={form.control} name="subject" />
            </Field>
            <Button type="submit" appearance="primary" disabled={add.isPending}>
              {t('administrators.add')}
            </Button>
          </Row>
        </form>
        <ProblemMessage error={add.error && !add.error.problem?.errors?.length ? add.error : undefined} />
      </Section>
      <ConfirmDialog
        open={Boolean(removing)}
        title={t('administrators.removeTitle', { subject: removing?.subject ?? '' })}
        confirmLabel={t('administrators.remove')}
        busy={remove.isPending}
        error={remove.error}
        onCancel={() => setRemoving(undefined)}
        onConfirm={() =>
          removing &&
          remove.mutate(
            { issuer: removing.issuer, subject: removing.subject },
            { onSuccess: () => setRemoving(undefined) },
          )
        }
      >
        <Text as="p">{t('administrators.removeText')}</Text>
      </ConfirmDialog>
    </Stack>
  );
}
