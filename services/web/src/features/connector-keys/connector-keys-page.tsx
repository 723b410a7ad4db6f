import { Badge, Button, Dialog, DialogSurface, Field, Select, Text } from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod/mini';
import { api, call } from '../../api/client';
import type { Ok } from '../../api/types';
import { ConfirmBody } from '../../ui/confirm-dialog';
import { DataTable, PagerOf, type Column } from '../../ui/data-table';
import { EmptyState } from '../../ui/empty-state';
import { useFormat } from '../../ui/format';
import { pageParam, useListState } from '../../ui/list-state';
import { PageHeader, Row, Section, Stack } from '../../ui/page';
import { fieldProblem } from '../../ui/problem-text';
import { FormInput } from '../../ui/form-input';
import { ProblemMessage } from '../../ui/problem-message';
import { ShownOnceBody } from '../../ui/shown-once';
import { useTenantId } from '../admin/admin-layout';

type ConnectorKey = Ok<'/api/admin/tenants/{tenantId}/connector-keys', 'get'>['items'][number];
type CreatedKey = Ok<'/api/admin/tenants/{tenantId}/connector-keys', 'post'>;
/** What the page's one dialog shows: a question before rotating or revoking, or a new key (once). */
type KeyDialog = { kind: 'rotate' | 'revoke'; key: ConnectorKey } | { kind: 'shown'; created: CreatedKey };

const listState = z.object({ page: pageParam });

/** Keys a page shows (a tenant has a handful: one per connector, and the ones rotated out). */
const PAGE_SIZE = 50;

/** How long a rotated key may keep working, in hours; the API's default (24) first. */
const GRACE_CHOICES = [24, 1, 72, 168, 0];

/** A key that still works: not revoked, and not past the grace of its rotation. */
const works = (k: ConnectorKey, now: number) => !k.revokedAt && (!k.expiresAt || Date.parse(k.expiresAt) > now);

const keyForm = z.object({
  label: z
    .string()
    .check(z.trim(), z.minLength(1, 'connectorKeys.labelRequired'), z.maxLength(100, 'connectorKeys.labelTooLong')),
});

/** API keys of the tenant's ERP connectors: created (shown once, with a copy button), rotated, revoked. */
export function ConnectorKeysPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const tenantId = useTenantId();
  const client = useQueryClient();
  const path = { params: { path: { tenantId } } };
  const [state, update] = useListState(listState);
  const keys = useQuery({
    queryKey: ['connector-keys', tenantId, state.page],
    queryFn: () =>
      call(
        api.GET('/api/admin/tenants/{tenantId}/connector-keys', {
          params: { path: { tenantId }, query: { page: state.page, pageSize: PAGE_SIZE } },
        }),
      ),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['connector-keys', tenantId] });
  const create = useMutation({
    mutationFn: (body: { label: string; replaces?: string; graceHours?: number }) =>
      call(api.POST('/api/admin/tenants/{tenantId}/connector-keys', { ...path, body })),
    onSuccess: refresh,
  });
  const revoke = useMutation({
    mutationFn: (keyId: string) =>
      call(
        api.POST('/api/admin/tenants/{tenantId}/connector-keys/{keyId}/revoke', {
          params: { path: { tenantId, keyId } },
        }),
      ),
    onSuccess: refresh,
  });
  const [dialog, setDialog] = useState<KeyDialog | undefined>();
  const [graceHours, setGraceHours] = useState(GRACE_CHOICES[0]);
  const shown = dialog?.kind === 'shown' ? dialog.created : undefined;
  const close = () => setDialog(undefined);
  const form = useForm<z.infer<typeof keyForm>>({ resolver: zodResolver(keyForm), defaultValues: { label: '' } });

  const submit = form.handleSubmit((values) =>
    create.mutate(values, {
      onSuccess: (created) => {
        form.reset();
        setDialog({ kind: 'shown', created });
      },
    }),
  );
  const rotate = (key: ConnectorKey) =>
    create.mutate(
      { label: key.label, replaces: key.id, graceHours },
      {
        onSuccess: (created) => {
          setDialog({ kind: 'shown', created });
        },
      },
    );

  // Whether a grace has ended is judged as of the list's fetch (rows exist only then); it refetches on focus and changes.
  const now = keys.dataUpdatedAt;
  const columns: Column<ConnectorKey>[] = [
    { id: 'label', header: t('connectorKeys.label'), cell: (k) => k.label },
    { id: 'prefix', header: t('connectorKeys.prefix'), cell: (k) => <code>{k.keyPrefix}…</code> },
    { id: 'created', header: t('connectorKeys.created'), cell: (k) => format.dateTime(k.createdAt) },
    {
      id: 'status',
      header: t('connectorKeys.status'),
      cell: (k) =>
        k.revokedAt ? (
          <Badge color="informative" appearance="outline">
            {t('connectorKeys.revokedOn', { date: format.date(k.revokedAt) })}
          </Badge>
        ) : k.expiresAt && !works(k, now) ? (
          <Badge color="informative" appearance="outline">
            {t('connectorKeys.expiredOn', { date: format.date(k.expiresAt) })}
          </Badge>
        ) : k.expiresAt ? (
          // Plain text: a date and a time do not fit a badge's one line.
          <Text weight="semibold">{t('connectorKeys.worksUntil', { date: format.dateTime(k.expiresAt) })}</Text>
        ) : (
          <Badge color="success" appearance="tint">
            {t('connectorKeys.active')}
          </Badge>
        ),
    },
    {
      id: 'actions',
      header: t('common.actions'),
      // A replaced key in its grace may still be revoked (to end the grace early), not rotated again.
      cell: (k) =>
        works(k, now) ? (
          <Row>
            {k.replacedBy ? null : (
              <Button
                onClick={() => {
                  setGraceHours(GRACE_CHOICES[0]);
                  setDialog({ kind: 'rotate', key: k });
                }}
              >
                {t('connectorKeys.rotate')}
              </Button>
            )}
            <Button onClick={() => setDialog({ kind: 'revoke', key: k })}>{t('connectorKeys.revoke')}</Button>
          </Row>
        ) : null,
    },
  ];

  return (
    <Stack>
      <PageHeader title={t('connectorKeys.title')} subtitle={t('connectorKeys.subtitle')} />
      <Section title={t('connectorKeys.create')}>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Row>
            <Field
              label={t('connectorKeys.label')}
              required
              hint={t('connectorKeys.labelHint')}
              validationMessage={
                form.formState.errors.label?.message
                  ? t(form.formState.errors.label.message)
                  : fieldProblem(create.error, 'label')
              }
            >
              <FormInput control={form.control} name="label" />
            </Field>
            <Button type="submit" appearance="primary" disabled={create.isPending}>
              {t('connectorKeys.create')}
            </Button>
          </Row>
        </form>
        <ProblemMessage error={create.error && !fieldProblem(create.error, 'label') ? create.error : undefined} />
      </Section>
      <ProblemMessage error={keys.error ?? revoke.error} />
      <DataTable
        caption={t('connectorKeys.title')}
        columns={columns}
        rows={keys.data?.items}
        loading={keys.isPending}
        rowKey={(k) => k.id}
        empty={<EmptyState title={t('connectorKeys.none')} text={t('connectorKeys.noneText')} />}
      />
      <PagerOf
        page={state.page}
        of={keys.data}
        onPage={(page) => update({ page }, { keepPage: true })}
        onlyWhenSeveral
      />
      <Dialog
        open={dialog !== undefined}
        onOpenChange={(_, data) => !data.open && dialog?.kind !== 'shown' && close()}
        modalType="alert"
      >
        <DialogSurface>
          {shown ? (
            <ShownOnceBody
              texts={{
                title: t('connectorKeys.shownTitle'),
                warning: t('connectorKeys.shownOnce'),
                label: t('connectorKeys.theKey', { label: shown.label }),
                copy: t('connectorKeys.copy'),
                copied: t('connectorKeys.copied'),
                done: t('connectorKeys.stored'),
              }}
              value={shown.key}
              testId="connector-key-value"
              onDone={close}
            />
          ) : dialog?.kind === 'revoke' ? (
            <ConfirmBody
              title={t('connectorKeys.revokeTitle', { label: dialog.key.label })}
              confirmLabel={t('connectorKeys.revoke')}
              busy={revoke.isPending}
              error={revoke.error}
              onCancel={close}
              onConfirm={() => revoke.mutate(dialog.key.id, { onSuccess: close })}
            >
              <Text as="p">{t('connectorKeys.revokeText')}</Text>
            </ConfirmBody>
          ) : dialog?.kind === 'rotate' ? (
            <ConfirmBody
              title={t('connectorKeys.rotateTitle', { label: dialog.key.label })}
              confirmLabel={t('connectorKeys.rotate')}
              busy={create.isPending}
              error={create.error}
              onCancel={close}
              onConfirm={() => rotate(dialog.key)}
            >
              <Stack>
                <Text as="p">{t('connectorKeys.rotateText')}</Text>
                <Field label={t('connectorKeys.graceLabel')}>
                  <Select value={String(graceHours)} onChange={(_, data) => setGraceHours(Number(data.value))}>
                    {GRACE_CHOICES.map((hours) => (
                      <option key={hours} value={hours}>
                        {hours === 0
                          ? t('connectorKeys.graceNone')
                          : hours < 72
                            ? t('connectorKeys.graceHours', { count: hours })
                            : t('connectorKeys.graceDays', { count: hours / 24 })}
                      </option>
                    ))}
                  </Select>
                </Field>
              </Stack>
            </ConfirmBody>
          ) : null}
        </DialogSurface>
      </Dialog>
    </Stack>
  );
}
