import { Controller, ForbiddenException, Get, Injectable, Param, Query, UseGuards } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  AdminStockQuery,
  StockQuery,
  type StockResponse,
  type StockRowResponse,
  type StockTotalResponse,
} from '@partner-portal/api-contracts';
import { PartnerType } from '@partner-portal/contracts';
import { CurrentPrincipal, TenantAdministratorGuard, TenantParams, type Principal } from '@partner-portal/internal-api';
import { ViewerService } from '../documents/viewer.service';
import type { Viewer } from '../documents/visibility';

/** Stock held for 3PL customers, by item, location, bin, license plate and lot, with totals per item. */
@Injectable()
export class StockService {
  constructor(private readonly dataSource: DataSource) {}

  async stock(viewer: Viewer, query: AdminStockQuery): Promise<StockResponse> {
    const params: unknown[] = [];
    const where: string[] = ['s.quantity <> 0'];
    const add = (column: string, value: unknown) => {
      params.push(value);
      where.push(`${column} = $${params.length}`);
    };
    if (viewer.kind === 'nobody') return { rows: [], totals: [] };
    add('s.tenant_id', viewer.tenantId);
    if (viewer.kind === 'administrator') {
      if (query.partnerNo) add('s.partner_no', query.partnerNo);
    } else {
      if (viewer.partnerType !== PartnerType.ThirdPartyLogisticsCustomer)
        throw new ForbiddenException('stock is shown to 3PL customers');
      add('s.environment', viewer.environment);
      add('s.company_id', viewer.companyId);
      add('s.partner_no', viewer.partnerNo);
    }
    if (query.itemNo) add('s.item_no', query.itemNo);
    if (query.locationCode) add('s.location_code', query.locationCode);
    if (query.binCode) add('s.bin_code', query.binCode);
    if (query.licensePlate) add('s.license_plate', query.licensePlate);
    const filter = where.join(' AND ');
    const rows: StockRowResponse[] = await this.dataSource.query(
      `SELECT s.partner_no AS "partnerNo", s.item_no AS "itemNo", s.description, s.location_code AS "locationCode",
              NULLIF(s.bin_code, '') AS "binCode", NULLIF(s.license_plate, '') AS "licensePlate", NULLIF(s.lot_no, '') AS "lotNo",
              NULLIF(s.serial_no, '') AS "serialNo", trim_scale(s.quantity)::text AS quantity, s.unit_code AS "unitCode"
         FROM stock_level s WHERE ${filter}
        ORDER BY s.item_no, s.location_code, s.bin_code, s.license_plate, s.lot_no, s.serial_no LIMIT 5000`,
      params,
    );
    const totals: StockTotalResponse[] = await this.dataSource.query(
      `SELECT s.item_no AS "itemNo", s.unit_code AS "unitCode", trim_scale(sum(s.quantity))::text AS quantity
         FROM stock_level s WHERE ${filter} GROUP BY s.item_no, s.unit_code ORDER BY s.item_no, s.unit_code`,
      params,
    );
    // Field by field, so that a column added to a query does not reach the API without the contract.
    return {
      rows: rows.map((r): StockRowResponse => ({
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
