import { Controller, Get, Injectable, Param, Query, UseGuards } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  AdminStockQuery,
  pageOf,
  StockQuery,
  type PageRequest,
  type StockLocationTotalResponse,
  type StockPage,
  type StockRowResponse,
  type StockTotalResponse,
} from '@partner-portal/api-contracts';
import {
  CurrentPrincipal,
  selectListPage,
  TenantAdministratorGuard,
  TenantParams,
  type Principal,
} from '@partner-portal/internal-api';
import { ViewerService } from '../documents/viewer.service';
import type { Viewer } from '../documents/visibility';
import { stockConditions, type StockFilter } from './stock-scope';

/** The columns of a stock row as the API names them (empty texts the ERP left out are null). */
const ROW_COLUMNS = `s.partner_no AS "partnerNo", s.item_no AS "itemNo", s.description, s.location_code AS "locationCode",
  NULLIF(s.bin_code, '') AS "binCode", NULLIF(s.license_plate, '') AS "licensePlate", NULLIF(s.lot_no, '') AS "lotNo",
  NULLIF(s.serial_no, '') AS "serialNo", trim_scale(s.quantity)::text AS quantity, s.unit_code AS "unitCode"`;

/**
 * By item, then where it is; the 3PL customer, company and environment last make the order total (the table's
 * key) for an administrator's list over several customers.
 */
const ROW_ORDER = `s.item_no, s.location_code, s.bin_code, s.license_plate, s.lot_no, s.serial_no, s.partner_no,
  s.company_id, s.environment`;

/** Stock held for 3PL customers, a page of rows by item, location, bin, license plate and lot, with the totals. */
@Injectable()
export class StockService {
  constructor(private readonly dataSource: DataSource) {}

  async stock(viewer: Viewer, query: StockFilter & PageRequest): Promise<StockPage> {
    const conditions = stockConditions(viewer, query);
    if (!conditions) return { ...pageOf([], query, 0), totals: [], locationTotals: [] };
    const params = conditions.map(([, value]) => value);
    const filter = ['s.quantity <> 0', ...conditions.map(([column], i) => `s.${column} = $${i + 1}`)].join(' AND ');
    const [{ rows, total }, totals, locationTotals] = await Promise.all([
      selectListPage<StockRowResponse>(
        this.dataSource,
        { columns: ROW_COLUMNS, from: 'stock_level s', where: filter, orderBy: ROW_ORDER, params },
        query,
      ),
      this.dataSource.query(
        `SELECT s.item_no AS "itemNo", max(s.description) AS description, s.unit_code AS "unitCode",
                trim_scale(sum(s.quantity))::text AS quantity
           FROM stock_level s WHERE ${filter} GROUP BY s.item_no, s.unit_code ORDER BY s.item_no, s.unit_code`,
        params,
      ) as Promise<StockTotalResponse[]>,
      this.dataSource.query(
        `SELECT s.location_code AS "locationCode", s.unit_code AS "unitCode", trim_scale(sum(s.quantity))::text AS quantity
           FROM stock_level s WHERE ${filter} GROUP BY s.location_code, s.unit_code ORDER BY s.location_code, s.unit_code`,
        params,
      ) as Promise<StockLocationTotalResponse[]>,
    ]);
    // Field by field, so that a column added to a query does not reach the API without the contract.
    return {
      ...pageOf(
        rows.map((r): StockRowResponse => ({
          partnerNo: r.partnerNo,
          itemNo: r.itemNo,
          description: r.description,
          locationCode: r.locationCode,
          binCode: r.binCode,
          licensePlate: r.licensePlate,
          lotNo: r.lotNo,
          serialNo: r.serialNo,
          quantity: r.quantity,
          unitCode: r.unitCode,
        })),
        query,
        total,
      ),
      totals: totals.map((t): StockTotalResponse => ({
        itemNo: t.itemNo,
        description: t.description,
        unitCode: t.unitCode,
        quantity: t.quantity,
      })),
      locationTotals: locationTotals.map((t): StockLocationTotalResponse => ({
        locationCode: t.locationCode,
        unitCode: t.unitCode,
        quantity: t.quantity,
      })),
    };
  }
}

/** A 3PL customer's stock. */
@Controller('internal/partner/stock')
export class PartnerStockController {
  constructor(
    private readonly stock: StockService,
    private readonly viewers: ViewerService,
  ) {}

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() query: StockQuery) {
    return this.stock.stock(await this.viewers.viewerFor(principal), query);
  }
}

/** Stock of a tenant's 3PL customers, for its administrators. */
@UseGuards(TenantAdministratorGuard)
@Controller('internal/tenants/:tenantId/stock')
export class AdminStockController {
  constructor(
    private readonly stock: StockService,
    private readonly viewers: ViewerService,
  ) {}

  @Get()
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param() _params: TenantParams,
    @Query() query: AdminStockQuery,
  ) {
    return this.stock.stock(await this.viewers.viewerFor(principal), query);
  }
}
