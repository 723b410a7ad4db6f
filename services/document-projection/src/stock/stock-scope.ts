import { Refusal } from '@partner-portal/api-contracts';
import { PartnerType } from '@partner-portal/contracts';
import type { Viewer } from '../documents/visibility';

/** The filters a stock list takes; administrators may also name the environment, company and 3PL customer. */
export interface StockFilter {
  environment?: string;
  companyId?: string;
  partnerNo?: string;
  itemNo?: string;
  locationCode?: string;
  binCode?: string;
  licensePlate?: string;
  lotNo?: string;
}

/** Column equalities on `stock_level`, in a fixed order so that the SQL and its parameters stay aligned. */
export type StockConditions = Array<[column: string, value: string]>;

/** Why a viewer sees no stock at all (403): only 3PL customers hold stock in the warehouse. */
export class StockRefusal extends Refusal {
  constructor() {
    super(
      'forbidden',
      'not_a_3pl_customer',
      'stock is shown to 3PL customers only: it is the goods the warehouse holds for them',
    );
    this.name = 'StockRefusal';
  }
}

/**
 * Which stock rows a viewer may see, as column equalities: an administrator the tenant's, narrowed by the
 * environment, company and 3PL customer it names; a portal user of a 3PL customer (representative or authorized
 * user: stock belongs to the partner, not to orders) its own partner's, whatever partner the query names; a customer's
 * or vendor's user none (refused, since the page should say why); nobody, nothing (`undefined`). The item, location,
 * bin, license plate and lot filters narrow either.
 */
export function stockConditions(viewer: Viewer, filter: StockFilter): StockConditions | undefined {
  if (viewer.kind === 'nobody') return undefined;
  const conditions: StockConditions = [['tenant_id', viewer.tenantId]];
  if (viewer.kind === 'administrator') {
    if (filter.environment) conditions.push(['environment', filter.environment]);
    if (filter.companyId) conditions.push(['company_id', filter.companyId]);
    if (filter.partnerNo) conditions.push(['partner_no', filter.partnerNo]);
  } else {
    if (viewer.partnerType !== PartnerType.ThirdPartyLogisticsCustomer) throw new StockRefusal();
    conditions.push(
      ['environment', viewer.environment],
      ['company_id', viewer.companyId],
      ['partner_no', viewer.partnerNo],
    );
  }
  for (const [column, value] of [
    ['item_no', filter.itemNo],
    ['location_code', filter.locationCode],
    ['bin_code', filter.binCode],
    ['license_plate', filter.licensePlate],
    ['lot_no', filter.lotNo],
  ] as const) {
    if (value) conditions.push([column, value]);
  }
  return conditions;
}
