import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ListDocumentsQuery,
  PartnerDocumentDetailResponse,
  PartnerDocumentPage,
  StockQuery,
  StockResponse,
} from '@partner-portal/api-contracts';
import { Documented } from '../docs/documented';
import { CurrentCaller, type Caller } from '../observability/gateway-request';
import { pathOf, UuidParam } from '../upstream/path-params';
import { UpstreamClient } from '../upstream/upstream.client';
import { MemberArea } from './member-area';

/** The partner's documents in its own words, and a 3PL customer's stock; only what the role may see. */
@ApiTags('Portal: documents')
@MemberArea()
@Controller('api/portal')
export class PortalDocumentsController {
  constructor(private readonly upstream: UpstreamClient) {}

  @Get('documents')
  @Documented("Documents by type in the partner's words (purchase_order, warehouse_receipt, sales_invoice...)", {
    type: PartnerDocumentPage,
    returns: 'A page of documents and nextCursor',
    problems: [400, 403],
  })
  documents(
    @CurrentCaller() caller: Caller,
    @Query() query: ListDocumentsQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.upstream.forward(response, caller, 'document-projection', 'GET', '/internal/partner/documents', {
      query,
    });
  }

  @Get('documents/:documentId')
  @Documented('One document with its lines (404 outside what the role may see)', {
    type: PartnerDocumentDetailResponse,
    returns: 'The document',
    problems: [400, 403, 404],
  })
  document(
    @CurrentCaller() caller: Caller,
    @Param('documentId', UuidParam) documentId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    const path = pathOf`/internal/partner/documents/${documentId}`;
    return this.upstream.forward(response, caller, 'document-projection', 'GET', path);
  }

  @Get('stock')
  @Documented('Stock held for the 3PL customer by item, location, bin, license plate and lot, with totals', {
    type: StockResponse,
    returns: 'Stock rows and totals per item',
    problems: [400, 403],
  })
  stock(@CurrentCaller() caller: Caller, @Query() query: StockQuery, @Res({ passthrough: true }) response: Response) {
    return this.upstream.forward(response, caller, 'document-projection', 'GET', '/internal/partner/stock', {
      query,
    });
  }
}
