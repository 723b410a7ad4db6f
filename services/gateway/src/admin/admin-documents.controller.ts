import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  AdminDocumentDetailResponse,
  AdminDocumentPage,
  AdminListDocumentsQuery,
  AdminStockQuery,
  OrderListQuery,
  OrderListResponse,
  StockResponse,
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
    returns: 'A page of documents and nextCursor',
    problems: [400, 404],
  })
  documents(
    @CurrentCaller() caller: Caller,
    @Query() query: AdminListDocumentsQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.projection(response, caller, '/documents', query);
  }

  @Get('documents/:documentId')
  @Documented('One document with its lines', {
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
  @Documented('Stock held for 3PL customers, with totals per item', {
    type: StockResponse,
    returns: 'Stock rows and totals',
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
  @Documented('Portal orders of every partner, newest first', {
    type: OrderListResponse,
    returns: 'The orders',
    problems: [400, 404],
  })
  orders(
    @CurrentCaller() caller: Caller,
    @Query() query: OrderListQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.projection(response, caller, '/orders', query);
  }
}
