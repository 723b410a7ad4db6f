import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { Ok, QueryOf } from '../../api/types';
import { fetchAllPages } from '../../ui/csv';
import { useWorkspace, type PartnerDocumentTypeValue, type Workspace } from '../workspace/workspace';

export type DocumentList = Ok<'/api/portal/documents', 'get'>;
export type DocumentRow = DocumentList['items'][number];
export type DocumentDetail = Ok<'/api/portal/documents/{documentId}', 'get'>;
export type DocumentReference = DocumentDetail['followUps'][number];
export type DocumentSummary = Ok<'/api/portal/documents/summary', 'get'>;
export type DocumentSort = NonNullable<QueryOf<'/api/portal/documents', 'get'>['sort']>;

/** The filters, order and page of one type's document list, as the API takes them (type in the partner's words). */
export interface DocumentQuery {
  type: PartnerDocumentTypeValue;
  status?: string;
  from?: string;
  to?: string;
  search?: string;
  orderNo?: string;
  sort: DocumentSort;
  page?: number;
  pageSize: number;
}

/**
 * One page of a document list: a partner user's through its membership, an administrator's read-only view through
 * the admin API narrowed to the partner (environment, company, type and number) with the type in the partner's words.
 */
export function fetchDocuments(workspace: Workspace, query: DocumentQuery): Promise<DocumentList> {
  const { type, ...rest } = query;
  if (workspace.kind === 'admin') {
    return call(
      api.GET('/api/admin/tenants/{tenantId}/documents', {
        params: { path: { tenantId: workspace.tenantId }, query: { ...rest, ...workspace.adminFilter, view: type } },
      }),
    );
  }
  return call(api.GET('/api/portal/documents', { params: { query: { ...rest, type } } }));
}

/** A page of a document list, kept on screen while the next one loads. */
export function useDocuments(query: DocumentQuery) {
  const workspace = useWorkspace();
  return useQuery({
    queryKey: [...workspace.queryKey, 'documents', query],
    queryFn: () => fetchDocuments(workspace, query),
    placeholderData: keepPreviousData,
  });
}

/** One document with its lines, status history and links; a 404 (not there, or not the viewer's) is its own state. */
export function useDocument(documentId: string) {
  const workspace = useWorkspace();
  return useQuery({
    queryKey: [...workspace.queryKey, 'document', documentId],
    queryFn: (): Promise<DocumentDetail> =>
      workspace.kind === 'admin'
        ? call(
            api.GET('/api/admin/tenants/{tenantId}/documents/{documentId}', {
              params: { path: { tenantId: workspace.tenantId, documentId } },
            }),
          )
        : call(api.GET('/api/portal/documents/{documentId}', { params: { path: { documentId } } })),
    retry: (count, error) => (error as { status?: number }).status !== 404 && count < 2,
    // The ERP moves documents on (released, shipped, invoiced); an open page follows it.
    refetchInterval: 30_000,
  });
}

/** Open and total documents per type the partner sees, in its words, over what the person may see. */
export function useDocumentSummary() {
  const workspace = useWorkspace();
  return useQuery({
    queryKey: [...workspace.queryKey, 'documents', 'summary'],
    queryFn: (): Promise<DocumentSummary> =>
      workspace.kind === 'admin'
        ? call(
            api.GET('/api/admin/tenants/{tenantId}/documents/summary', {
              params: { path: { tenantId: workspace.tenantId }, query: workspace.adminFilter },
            }),
          )
        : call(api.GET('/api/portal/documents/summary')),
    refetchInterval: 60_000,
  });
}

/** Rows a CSV export holds at most: a browser tab holds that many comfortably, and the page says when it stopped. */
export const EXPORT_LIMIT = 10_000;

/** Every document of the filtered list, page by page, up to `limit` rows (`capped`: more there). */
export function fetchAllDocuments(
  workspace: Workspace,
  query: Omit<DocumentQuery, 'page' | 'pageSize'>,
  options: { limit?: number; onProgress?(done: number): void } = {},
): Promise<{ rows: DocumentRow[]; capped: boolean }> {
  return fetchAllPages((page, pageSize) => fetchDocuments(workspace, { ...query, page, pageSize }), {
    limit: options.limit ?? EXPORT_LIMIT,
    onProgress: options.onProgress,
  });
}
