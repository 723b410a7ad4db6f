import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import type { BodyOf, Ok, QueryOf } from '../../api/types';
import { useWorkspace, type Workspace } from '../workspace/workspace';

export type Order = Ok<'/api/portal/orders/{portalOrderId}', 'get'>;
export type OrderStatus = Order['status'];
export type OrderListQuery = QueryOf<'/api/portal/orders', 'get'>;
export type OrderDefaults = Ok<'/api/portal/orders/defaults', 'get'>;
export type CataloguePage = Ok<'/api/portal/items', 'get'>;
export type CatalogueItem = CataloguePage['items'][number];
export type OrderRequest = BodyOf<'/api/portal/orders', 'post'>;
export type UploadPreview = Ok<'/api/portal/orders/upload/preview', 'post'>;
export type UploadRowError = UploadPreview['rowErrors'][number];
export type UploadedOrders = Ok<'/api/portal/orders/upload', 'post'>;

/** Query keys of a workspace's orders (under the workspace's 'partner' prefix, dropped on a membership switch). */
export const orderKeys = {
  all: (workspace: Workspace) => [...workspace.queryKey, 'orders'] as const,
  list: (workspace: Workspace, query: object) => [...workspace.queryKey, 'orders', 'list', query] as const,
  one: (workspace: Workspace, id: string) => [...workspace.queryKey, 'orders', 'one', id] as const,
  defaults: (workspace: Workspace) => [...workspace.queryKey, 'orders', 'defaults'] as const,
  catalogue: (workspace: Workspace, search: string) => [...workspace.queryKey, 'orders', 'catalogue', search] as const,
};

/** How often an order waiting for the ERP's answer is asked for again. */
export const ANSWER_POLL_MS = 2_000;

/** One page of the portal orders of the workspace, newest first; polled while any on it waits for the ERP. */
export function useOrders(query: OrderListQuery) {
  const workspace = useWorkspace();
  return useQuery({
    queryKey: orderKeys.list(workspace, query),
    queryFn: () => {
      if (workspace.kind === 'member') return call(api.GET('/api/portal/orders', { params: { query } }));
      const { environment, companyId, partnerNo } = workspace.adminFilter;
      return call(
        api.GET('/api/admin/tenants/{tenantId}/orders', {
          params: { path: { tenantId: workspace.tenantId }, query: { ...query, environment, companyId, partnerNo } },
        }),
      );
    },
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some((o) => o.status === 'submitted') ? ANSWER_POLL_MS * 2 : false),
  });
}

/** One order; asked for again every two seconds while it waits for the ERP, so the answer shows without a reload. */
export function useOrder(portalOrderId: string) {
  const workspace = useWorkspace();
  return useQuery({
    queryKey: orderKeys.one(workspace, portalOrderId),
    queryFn: () =>
      workspace.kind === 'member'
        ? call(api.GET('/api/portal/orders/{portalOrderId}', { params: { path: { portalOrderId } } }))
        : call(
            api.GET('/api/admin/tenants/{tenantId}/orders/{portalOrderId}', {
              params: { path: { tenantId: workspace.tenantId, portalOrderId } },
            }),
          ),
    refetchInterval: (q) => (q.state.data?.status === 'submitted' ? ANSWER_POLL_MS : false),
  });
}

/** What an order takes from the contact record; a 422 (`order_defaults_missing`) names every missing field. */
export function useOrderDefaults() {
  const workspace = useWorkspace();
  return useQuery({
    queryKey: orderKeys.defaults(workspace),
    queryFn: () => call(api.GET('/api/portal/orders/defaults')),
    // A refusal is an answer about the contact record, not a hiccup: asking again changes nothing.
    retry: (count, error) => !(error instanceof ApiProblem && error.status < 500) && count < 2,
    staleTime: 60_000,
  });
}

/** The fields a contact record lacks, when that is why the defaults were refused. */
export function missingDefaults(error: unknown): Array<{ field: string; reason: string }> | undefined {
  if (error instanceof ApiProblem && error.code === 'order_defaults_missing') return error.problem.errors ?? [];
  return undefined;
}

/** Items the customer can order whose number starts with, or whose description holds, the search. */
export function useCatalogue(search: string, enabled = true) {
  const workspace = useWorkspace();
  return useQuery({
    queryKey: orderKeys.catalogue(workspace, search),
    queryFn: () =>
      call(api.GET('/api/portal/items', { params: { query: { search: search || undefined, pageSize: 20 } } })),
    placeholderData: keepPreviousData,
    enabled,
    staleTime: 30_000,
  });
}

/** Places an order once per key (a double click or a retry answers the same order). */
export function usePlaceOrder() {
  const workspace = useWorkspace();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ order, idempotencyKey }: { order: OrderRequest; idempotencyKey: string }) =>
      call(api.POST('/api/portal/orders', { body: order, params: { header: { 'Idempotency-Key': idempotencyKey } } })),
    onSuccess: (order) => {
      client.setQueryData(orderKeys.one(workspace, order.portalOrderId), order);
      void client.invalidateQueries({ queryKey: orderKeys.all(workspace) });
    },
  });
}

const fileForm = (file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
};

/** What uploading a file would do, checked by the server exactly as the upload checks it. */
export function useUploadPreview() {
  return useMutation({
    mutationFn: (file: File) =>
      call(api.POST('/api/portal/orders/upload/preview', { body: fileForm(file) as never, bodySerializer: (b) => b })),
  });
}

/** Uploads a file: every order of it, or none. */
export function useUploadOrders() {
  const workspace = useWorkspace();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, idempotencyKey }: { file: File; idempotencyKey: string }) =>
      call(
        api.POST('/api/portal/orders/upload', {
          body: fileForm(file) as never,
          bodySerializer: (b) => b,
          params: { header: { 'Idempotency-Key': idempotencyKey } },
        }),
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: orderKeys.all(workspace) }),
  });
}

/** Downloads the upload template (a CSV file the server writes, byte order mark and all). */
export async function downloadTemplate(delimiter: 'comma' | 'semicolon'): Promise<void> {
  const blob = await call(
    api.GET('/api/portal/orders/upload/template', { params: { query: { delimiter } }, parseAs: 'blob' }),
  );
  const url = URL.createObjectURL(blob as unknown as Blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = 'orders-template.csv';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
