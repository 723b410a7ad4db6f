import { Controller, Get, HttpStatus, Injectable, Param, Query, UseGuards } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  AdminStockQuery,
  StockQuery,
  type StockLocationTotalResponse,
  type StockResponse,
  type StockRowResponse,
  type StockTotalResponse,
} from '@partner-portal/api-contracts';
import {
  CurrentPrincipal,
  ProblemException,
  TenantAdministratorGuard,
  TenantParams,
  type Principal,
} from '@partner-portal/internal-api';
import { ViewerService } from '../documents/viewer.service';
import type { Viewer } from '../documents/visibility';
import { stockConditions, StockRefusal, type StockFilter } from './stock-scope';

/** Most rows one answer carries; the totals always count every matching row. */
const ROW_LIMIT = 5000;

/** Stock held for 3PL customers, by item, location, bin, license plate and lot, with totals per item and location. */
@Injectable()
export class StockService {
  constructor(private readonly dataSource: DataSource) {}

  async stock(viewer: Viewer, query: StockFilter): Promise<StockResponse> {
    let conditions;
    try {
      conditions = stockConditions(viewer, query);
    } catch (error) {
      if (!(error instanceof StockRefusal)) throw error;
      throw new ProblemException(HttpStatus.FORBIDDEN, error.message, { code: error.code });
    }
    if (!conditions) return { rows: [], totals: [], locationTotals: [], truncated: false };
    const params = conditions.map(([, value]) => value);
    const filter = ['s.quantity <> 0', ...conditions.map(([column], i) => `s.${column} = $${i + 1}`)].join(' AND ');
    // One row more than the limit tells whether the answer was cut.
    const rows: StockRowResponse[] = await this.dataSource.query(
      `SELECT s.partner_no AS "partnerNo", s.item_no AS "itemNo", s.description, s.location_code AS "locationCode",
              NULLIF(s.bin_code, '') AS "binCode", NULLIF(s.license_plate, '') AS "licensePlate", NULLIF(s.lot_no, '') AS "lotNo",
              NULLIF(s.serial_no, '') AS "serialNo", trim_scale(s.quantity)::text AS quantity, s.unit_code AS "unitCode"
         FROM stock_level s WHERE ${filter}
        ORDER BY s.item_no, s.location_code, s.bin_code, s.license_plate, s.lot_no, s.serial_no LIMIT ${ROW_LIMIT + 1}`,
      params,
    );
    const totals: StockTotalResponse[] = await this.dataSource.query(
      `SELECT s.item_no AS "itemNo", s.unit_code AS "unitCode", trim_scale(sum(s.quantity))::text AS quantity
         FROM stock_level s WHERE ${filter} GROUP BY s.item_no, s.unit_code ORDER BY s.item_no, s.unit_code`,
      params,
    );
    const locationTotals: StockLocationTotalResponse[] = await this.dataSource.query(
      `SELECT s.location_code AS "locationCode", s.unit_code AS "unitCode", trim_scale(sum(s.quantity))::text AS quantity
         FROM stock_level s WHERE ${filter} GROUP BY s.location_code, s.unit_code ORDER BY s.location_code, s.unit_code`,
      params,
    );
    // Field by field, so that a column added to a query does not reach the API without the contract.
    return {
      rows: rows.slice(0, ROW_LIMIT).map((r): StockRowResponse => ({
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
      totals: totals.map((t): StockTotalResponse => ({ itemNo: t.itemNo, unitCode: t.unitCode, quantity: t.quantity })),
      locationTotals: locationTotals.map((t): StockLocationTotalResponse => ({
        locationCode: t.locationCode,
        unitCode: t.unitCode,
        quantity: t.quantity,
      })),
      truncated: rows.length > ROW_LIMIT,
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
