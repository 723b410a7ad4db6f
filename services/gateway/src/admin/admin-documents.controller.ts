import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  AdminDocumentDetailResponse,
  AdminDocumentPage,
  AdminDocumentSummaryQuery,
  AdminDocumentSummaryResponse,
  AdminListDocumentsQuery,
  AdminStockQuery,
  AdminOrderListQuery,
  OrderListResponse,
  OrderResponse,
  StockPage,
} from '@partner-portal/api-contracts';
import { Documented } from '../docs/documented';
import { CurrentCaller, type Caller } from '../observability/gateway-request';
import { pathOf, UuidParam } from '../upstream/path-params';
import { UpstreamClient } from '../upstream/upstream.client';
import { AdminArea } from './admin-area';

/** Every document, stock level and portal order of the tenant, in the ERP's words. */
@ApiTags('Admin: documents')
@AdminArea()
@Controller('api/admin/tenants/:tenantId')
export class AdminDocumentsController {
  constructor(private readonly upstream: UpstreamClient) {}

  private projection(response: Response, caller: Caller, path: string, query?: object) {
    const tenantPath = pathOf`/internal/tenants/${caller.principal.tenantId}`;
    return this.upstream.forward(response, caller, 'document-projection', 'GET', `${tenantPath}${path}`, { query });
  }

  @Get('documents')
  @Documented('Documents of every partner (type is the ERP document type)', {
    type: AdminDocumentPage,
    returns: 'A page of documents (page, pageSize up to 200, total)',
    problems: [400, 404],
  })
  documents(
    @CurrentCaller() caller: Caller,
    @Query() query: AdminListDocumentsQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.projection(response, caller, '/documents', query);
  }

  // Before documents/:documentId, whose id check would refuse "summary".
  @Get('documents/summary')
  @Documented("One partner type's open and total documents per type, in its words (narrowed to one partner)", {
    type: AdminDocumentSummaryResponse,
    returns: 'Counts per document type, orders first',
    problems: [400, 404],
  })
  documentSummary(
    @CurrentCaller() caller: Caller,
    @Query() query: AdminDocumentSummaryQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.projection(response, caller, '/documents/summary', query);
  }

  @Get('documents/:documentId')
  @Documented('One document with its lines, status history, the order it follows from and its follow-ups', {
    type: AdminDocumentDetailResponse,
    returns: 'The document',
    problems: [400, 404],
  })
  document(
    @CurrentCaller() caller: Caller,
    @Param('documentId', UuidParam) documentId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.projection(response, caller, pathOf`/documents/${documentId}`);
  }

  @Get('stock')
  @Documented('Stock held for 3PL customers (filter by environment, company and 3PL customer), with totals', {
    type: StockPage,
    returns:
      'A page of stock rows (page, pageSize up to 200, total) with the totals per item and per location over every page',
    problems: [400, 404],
  })
  stock(
    @CurrentCaller() caller: Caller,
    @Query() query: AdminStockQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.projection(response, caller, '/stock', query);
  }

  @Get('orders')
  @Documented("Portal orders of every customer, newest first (narrowed to one customer's)", {
    type: OrderListResponse,
    returns: 'A page of orders (page, pageSize up to 200, total)',
    problems: [400, 404],
  })
  orders(
    @CurrentCaller() caller: Caller,
    @Query() query: AdminOrderListQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.projection(response, caller, '/orders', query);
  }

  @Get('orders/:portalOrderId')
  @Documented('One portal order with its ERP answer', {
    type: OrderResponse,
    returns: 'The order',
    problems: [400, 404],
  })
  order(
    @CurrentCaller() caller: Caller,
    @Param('portalOrderId', UuidParam) portalOrderId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.projection(response, caller, pathOf`/orders/${portalOrderId}`);
  }
}
