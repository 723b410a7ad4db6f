import { Badge, Button, Dialog, DialogSurface, Field, Text, makeStyles } from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod/mini';
import { api, call } from '../../api/client';
import { ApiProblem } from '../../api/problem';
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

type Webhook = Ok<'/api/admin/tenants/{tenantId}/connector-webhooks', 'get'>['items'][number];
type Registered = Ok<'/api/admin/tenants/{tenantId}/connector-webhooks', 'post'>;
type Delivery = Ok<'/api/admin/tenants/{tenantId}/connector-webhooks/{webhookId}/deliveries', 'get'>['items'][number];
type WebhookDialog = { kind: 'remove'; webhook: Webhook } | { kind: 'shown'; registered: Registered };

/** The list's page, and the webhook whose deliveries are shown, kept in the URL. */
const listState = z.object({ page: pageParam, webhook: z.optional(z.catch(z.string(), '')), log: pageParam });

const PAGE_SIZE = 20;

const useStyles = makeStyles({
  // An endpoint URL has no spaces to break at; it must not run into the next column.
  url: { overflowWrap: 'anywhere' },
});

const webhookForm = z.object({
  url: z
    .string()
    .check(
      z.trim(),
      z.regex(/^https?:\/\/\S+$/, 'connectorWebhooks.urlInvalid'),
      z.maxLength(2_000, 'connectorWebhooks.urlInvalid'),
    ),
  label: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'connectorWebhooks.labelRequired'),
      z.maxLength(100, 'connectorWebhooks.labelTooLong'),
    ),
});

const DELIVERY_BADGE: Record<Delivery['status'], 'success' | 'warning' | 'danger' | 'informative'> = {
  delivered: 'success',
  pending: 'warning',
  failed: 'danger',
  cancelled: 'informative',
};

/**
 * HTTPS endpoints of the tenant's ERP connectors that receive each portal order, signed: registered (the secret is
 * shown once), removed, and each one's delivery log, where a delivery can be sent again.
 */
export function ConnectorWebhooksPage() {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const tenantId = useTenantId();
  const client = useQueryClient();
  const [state, update] = useListState(listState);
  const webhooks = useQuery({
    queryKey: ['connector-webhooks', tenantId, state.page],
    queryFn: () =>
      call(
        api.GET('/api/admin/tenants/{tenantId}/connector-webhooks', {
          params: { path: { tenantId }, query: { page: state.page, pageSize: PAGE_SIZE } },
        }),
      ),
  });
  const selected = webhooks.data?.items.find((w) => w.id === state.webhook);
  const deliveries = useQuery({
    enabled: selected !== undefined,
    queryKey: ['connector-webhook-deliveries', tenantId, state.webhook, state.log],
    queryFn: () =>
      call(
        api.GET('/api/admin/tenants/{tenantId}/connector-webhooks/{webhookId}/deliveries', {
          params: {
            path: { tenantId, webhookId: state.webhook ?? '' },
            query: { page: state.log, pageSize: PAGE_SIZE },
          },
        }),
      ),
    // Pending deliveries change on their own: look again while one is waiting.
    refetchInterval: (query) => (query.state.data?.items.some((d) => d.status === 'pending') ? 5_000 : false),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['connector-webhooks', tenantId] });
  const register = useMutation({
    mutationFn: (body: { url: string; label: string }) =>
      call(api.POST('/api/admin/tenants/{tenantId}/connector-webhooks', { params: { path: { tenantId } }, body })),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (webhookId: string) =>
      call(
        api.POST('/api/admin/tenants/{tenantId}/connector-webhooks/{webhookId}/remove', {
          params: { path: { tenantId, webhookId } },
        }),
      ),
    onSuccess: () =>
      Promise.all([refresh(), client.invalidateQueries({ queryKey: ['connector-webhook-deliveries', tenantId] })]),
  });
  const redeliver = useMutation({
    mutationFn: (delivery: Delivery) =>
      call(
        api.POST('/api/admin/tenants/{tenantId}/connector-webhooks/{webhookId}/deliveries/{deliveryId}/redeliver', {
          params: { path: { tenantId, webhookId: delivery.webhookId, deliveryId: delivery.id } },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['connector-webhook-deliveries', tenantId] }),
  });
  const [dialog, setDialog] = useState<WebhookDialog | undefined>();
  const shown = dialog?.kind === 'shown' ? dialog.registered : undefined;
  const close = () => setDialog(undefined);
  const form = useForm<z.infer<typeof webhookForm>>({
    resolver: zodResolver(webhookForm),
    defaultValues: { url: '', label: '' },
  });
  const submit = form.handleSubmit((values) =>
    register.mutate(values, {
      onSuccess: (registered) => {
        form.reset();
        setDialog({ kind: 'shown', registered });
      },
    }),
  );
  // The API's refusal of an endpoint names the field; it is shown there, in the person's language.
  const urlRefused = register.error instanceof ApiProblem && register.error.code === 'webhook_url_not_allowed';
  const problemOf = (field: 'url' | 'label') => {
    const message = form.formState.errors[field]?.message;
    if (message) return t(message);
    if (field === 'url' && urlRefused) return t('problem.code.webhook_url_not_allowed');
    return fieldProblem(register.error, field);
  };

  const webhookColumns: Column<Webhook>[] = [
    { id: 'label', header: t('connectorWebhooks.label'), cell: (w) => w.label },
    {
      id: 'url',
      header: t('connectorWebhooks.url'),
      cell: (w) => <code className={styles.url}>{w.url}</code>,
    },
    { id: 'created', header: t('connectorWebhooks.created'), cell: (w) => format.dateTime(w.createdAt) },
    {
      id: 'status',
      header: t('connectorWebhooks.status'),
      cell: (w) =>
        w.removedAt ? (
          <Badge color="informative" appearance="outline">
            {t('connectorWebhooks.removedOn', { date: format.date(w.removedAt) })}
          </Badge>
        ) : (
          <Badge color="success" appearance="tint">
            {t('connectorWebhooks.receiving')}
          </Badge>
        ),
    },
    {
      id: 'actions',
      header: t('common.actions'),
      cell: (w) => (
        <Row>
          <Button
            aria-pressed={w.id === state.webhook}
            aria-label={t('connectorWebhooks.showDeliveriesOf', { label: w.label })}
            onClick={() => update({ webhook: w.id, log: 1 }, { keepPage: true })}
          >
            {t('connectorWebhooks.showDeliveries')}
          </Button>
          {w.removedAt ? null : (
            <Button onClick={() => setDialog({ kind: 'remove', webhook: w })}>{t('connectorWebhooks.remove')}</Button>
          )}
        </Row>
      ),
    },
  ];

  const deliveryColumns: Column<Delivery>[] = [
    { id: 'created', header: t('connectorWebhooks.deliveryCreated'), cell: (d) => format.dateTime(d.createdAt) },
    { id: 'cursor', header: t('connectorWebhooks.cursor'), cell: (d) => d.cursor },
    {
      id: 'status',
      header: t('connectorWebhooks.status'),
      cell: (d) => (
        <Badge color={DELIVERY_BADGE[d.status]} appearance="tint">
          {t(`connectorWebhooks.deliveryStatus.${d.status}`)}
        </Badge>
      ),
    },
    { id: 'attempts', header: t('connectorWebhooks.attempts'), cell: (d) => format.number(d.attempts) },
    {
      id: 'last',
      header: t('connectorWebhooks.lastAnswer'),
      cell: (d) =>
        d.status === 'delivered'
          ? t('connectorWebhooks.deliveredAt', {
              date: format.dateTime(d.deliveredAt ?? d.lastAttemptAt ?? d.createdAt),
            })
          : (d.lastError ?? t('connectorWebhooks.notTriedYet')),
    },
    {
      id: 'next',
      header: t('connectorWebhooks.nextAttempt'),
      cell: (d) => (d.nextAttemptAt ? format.dateTime(d.nextAttemptAt) : '—'),
    },
    {
      id: 'actions',
      header: t('common.actions'),
      cell: (d) =>
        selected && !selected.removedAt ? (
          <Button disabled={redeliver.isPending} onClick={() => redeliver.mutate(d)}>
            {t('connectorWebhooks.redeliver')}
          </Button>
        ) : null,
    },
  ];

  return (
    <Stack>
      <PageHeader title={t('connectorWebhooks.title')} subtitle={t('connectorWebhooks.subtitle')} />
      <Section title={t('connectorWebhooks.register')}>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Row>
            <Field
              label={t('connectorWebhooks.url')}
              required
              hint={t('connectorWebhooks.urlHint')}
              validationMessage={problemOf('url')}
            >
              <FormInput control={form.control} name="url" type="url" />
            </Field>
            <Field
              label={t('connectorWebhooks.label')}
              required
              hint={t('connectorWebhooks.labelHint')}
              validationMessage={problemOf('label')}
            >
              <FormInput control={form.control} name="label" />
            </Field>
            <Button type="submit" appearance="primary" disabled={register.isPending}>
              {t('connectorWebhooks.register')}
            </Button>
          </Row>
        </form>
        <ProblemMessage
          error={
            register.error &&
            !urlRefused &&
            !fieldProblem(register.error, 'url') &&
            !fieldProblem(register.error, 'label')
              ? register.error
              : undefined
          }
        />
      </Section>
      <ProblemMessage error={webhooks.error} />
      <DataTable
        caption={t('connectorWebhooks.title')}
        columns={webhookColumns}
        rows={webhooks.data?.items}
        loading={webhooks.isPending}
        rowKey={(w) => w.id}
        empty={<EmptyState title={t('connectorWebhooks.none')} text={t('connectorWebhooks.noneText')} />}
      />
      <PagerOf
        page={state.page}
        of={webhooks.data}
        onPage={(page) => update({ page }, { keepPage: true })}
        onlyWhenSeveral
      />
      {selected ? (
        <Section title={t('connectorWebhooks.deliveriesOf', { label: selected.label })}>
          <ProblemMessage error={deliveries.error ?? redeliver.error} />
          {redeliver.isSuccess ? <Text role="status">{t('connectorWebhooks.redeliverySent')}</Text> : null}
          <DataTable
            caption={t('connectorWebhooks.deliveriesOf', { label: selected.label })}
            columns={deliveryColumns}
            rows={deliveries.data?.items}
            loading={deliveries.isPending}
            rowKey={(d) => d.id}
            empty={
              <EmptyState title={t('connectorWebhooks.noDeliveries')} text={t('connectorWebhooks.noDeliveriesText')} />
            }
          />
          <PagerOf
            page={state.log}
            of={deliveries.data}
            onPage={(log) => update({ log }, { keepPage: true })}
            onlyWhenSeveral
          />
        </Section>
      ) : null}
      <Dialog
        open={dialog !== undefined}
        onOpenChange={(_, data) => !data.open && dialog?.kind !== 'shown' && close()}
        modalType="alert"
      >
        <DialogSurface>
          {shown ? (
            <ShownOnceBody
              texts={{
                title: t('connectorWebhooks.shownTitle'),
                warning: t('connectorWebhooks.shownOnce'),
                label: t('connectorWebhooks.theSecret', { label: shown.label }),
                copy: t('connectorWebhooks.copy'),
                copied: t('connectorWebhooks.copied'),
                done: t('connectorWebhooks.stored'),
              }}
              value={shown.secret}
              testId="webhook-secret-value"
              onDone={close}
            />
          ) : dialog?.kind === 'remove' ? (
            <ConfirmBody
              title={t('connectorWebhooks.removeTitle', { label: dialog.webhook.label })}
              confirmLabel={t('connectorWebhooks.remove')}
              busy={remove.isPending}
              error={remove.error}
              onCancel={close}
              onConfirm={() => remove.mutate(dialog.webhook.id, { onSuccess: close })}
            >
              <Text as="p">{t('connectorWebhooks.removeText')}</Text>
            </ConfirmBody>
          ) : null}
        </DialogSurface>
      </Dialog>
    </Stack>
  );
}
