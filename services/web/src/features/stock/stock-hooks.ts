import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { Ok, QueryOf } from '../../api/types';
import { useFormat } from '../../ui/format';
import { useWorkspace } from '../workspace/workspace';

export type Stock = Ok<'/api/portal/stock', 'get'>;
export type StockRow = Stock['items'][number];
export type StockFilter = QueryOf<'/api/portal/stock', 'get'>;

/** The filters a stock list takes, in the order the page shows them. */
export const STOCK_FILTERS = ['itemNo', 'locationCode', 'binCode', 'licensePlate', 'lotNo'] as const;

/**
 * A page of the stock of the workspace's 3PL customer, filtered, with the totals over every page: a partner user's
 * through its membership, an administrator's read-only view through the admin API narrowed to that customer's
 * environment, company and number.
 */
export function useStock(filter: StockFilter) {
  const workspace = useWorkspace();
  const { environment, companyId, partnerNo } = workspace.adminFilter;
  return useQuery({
    queryKey: [...workspace.queryKey, 'stock', filter],
    queryFn: () =>
      workspace.kind === 'admin'
        ? call(
            api.GET('/api/admin/tenants/{tenantId}/stock', {
              params: {
                path: { tenantId: workspace.tenantId },
                query: { ...filter, environment, companyId, partnerNo },
              },
            }),
          )
        : call(api.GET('/api/portal/stock', { params: { query: filter } })),
    enabled: workspace.may.seeStock,
    placeholderData: keepPreviousData,
    // Stock moves as the warehouse works; a page left open follows it.
    refetchInterval: 30_000,
  });
}

/** Quantities (decimal strings, up to six decimals) in the person's language. */
export function useQuantity() {
  const { locale } = useFormat();
  const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 6 });
  return (quantity: string, unitCode?: string) =>
    unitCode ? `${format.format(Number(quantity))} ${unitCode}` : format.format(Number(quantity));
}
