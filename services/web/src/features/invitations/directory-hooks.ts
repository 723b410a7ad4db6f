import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { Ok } from '../../api/types';

type PartnersPath = '/api/admin/tenants/{tenantId}/environments/{environment}/companies/{companyId}/partners';
type ContactsPath =
  '/api/admin/tenants/{tenantId}/environments/{environment}/companies/{companyId}/partners/{partnerType}/{partnerNo}/contacts';
export type Partner = Ok<PartnersPath, 'get'>['items'][number];
export type Contact = Ok<ContactsPath, 'get'>['items'][number];
export type PartnerTypeValue = Partner['partnerType'];

/** What the ERP connectors mirrored: environments, their companies, partners and contacts. */
export function useEnvironments(tenantId: string) {
  return useQuery({
    queryKey: ['directory', tenantId, 'environments'],
    queryFn: () => call(api.GET('/api/admin/tenants/{tenantId}/environments', { params: { path: { tenantId } } })),
  });
}

export function useCompanies(tenantId: string, environment: string | undefined) {
  return useQuery({
    queryKey: ['directory', tenantId, 'companies', environment],
    queryFn: () =>
      call(
        api.GET('/api/admin/tenants/{tenantId}/environments/{environment}/companies', {
          params: { path: { tenantId, environment: environment ?? '' } },
        }),
      ),
    enabled: Boolean(environment),
  });
}

/** Partners of a company: searched and paged on the server (a company may have thousands). */
export function usePartners(
  tenantId: string,
  scope: { environment?: string; companyId?: string },
  filter: { search?: string; type?: PartnerTypeValue; pageSize: number },
) {
  return useQuery({
    queryKey: ['directory', tenantId, 'partners', scope, filter],
    queryFn: () =>
      call(
        api.GET('/api/admin/tenants/{tenantId}/environments/{environment}/companies/{companyId}/partners', {
          params: {
            path: { tenantId, environment: scope.environment ?? '', companyId: scope.companyId ?? '' },
            query: {
              page: 1,
              pageSize: filter.pageSize,
              ...(filter.search ? { search: filter.search } : {}),
              ...(filter.type ? { type: filter.type } : {}),
            },
          },
        }),
      ),
    enabled: Boolean(scope.environment && scope.companyId),
    placeholderData: keepPreviousData,
  });
}

/** Contacts per page of the Invite page: a partner's whole staff at once in most cases. */
export const CONTACTS_PAGE_SIZE = 200;

export function useContacts(
  tenantId: string,
  scope: { environment?: string; companyId?: string; partnerType?: PartnerTypeValue; partnerNo?: string },
  page = 1,
) {
  return useQuery({
    queryKey: ['directory', tenantId, 'contacts', scope, page],
    queryFn: () =>
      call(
        api.GET(
          '/api/admin/tenants/{tenantId}/environments/{environment}/companies/{companyId}/partners/{partnerType}/{partnerNo}/contacts',
          {
            params: {
              path: {
                tenantId,
                environment: scope.environment ?? '',
                companyId: scope.companyId ?? '',
                partnerType: scope.partnerType ?? 'customer',
                partnerNo: scope.partnerNo ?? '',
              },
              query: { page, pageSize: CONTACTS_PAGE_SIZE },
            },
          },
        ),
      ),
    enabled: Boolean(scope.environment && scope.companyId && scope.partnerType && scope.partnerNo),
    placeholderData: keepPreviousData,
    refetchInterval: 5_000,
  });
}
