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

export function useContacts(
  tenantId: string,
  scope: { environment?: string; companyId?: string; partnerType?: PartnerTypeValue; partnerNo?: string },
) {
  return useQuery({
    queryKey: ['directory', tenantId, 'contacts', scope],
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
            },
          },
        ),
      ),
    enabled: Boolean(scope.environment && scope.companyId && scope.partnerType && scope.partnerNo),
    refetchInterval: 5_000,
  });
}
