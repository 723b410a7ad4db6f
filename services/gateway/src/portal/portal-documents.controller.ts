import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  DocumentSummaryResponse,
  ListDocumentsQuery,
  PartnerDocumentDetailResponse,
  PartnerDocumentPage,
  StockQuery,
  StockPage,
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
    returns: 'A page of documents (page, pageSize up to 200, total)',
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

  // Before documents/:documentId, whose id check would refuse "summary".
  @Get('documents/summary')
  @Documented("Open and total documents per type, every type the partner sees, in its words (the role's view)", {
    type: DocumentSummaryResponse,
    returns: 'Counts per document type, orders first',
    problems: [403],
  })
  documentSummary(@CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response) {
    return this.upstream.forward(response, caller, 'document-projection', 'GET', '/internal/partner/documents/summary');
  }

  @Get('documents/:documentId')
  @Documented(
    'One document with its lines, status history, the order it follows from and its follow-ups (404 outside what the role may see)',
    {
      type: PartnerDocumentDetailResponse,
      returns: 'The document',
      problems: [400, 403, 404],
    },
  )
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
    type: StockPage,
    returns:
      'A page of stock rows (page, pageSize up to 200, total) with the totals per item and per location over every page; 403 `not_a_3pl_customer` for a customer or vendor',
    problems: [400, 403],
  })
  stock(@CurrentCaller() caller: Caller, @Query() query: StockQuery, @Res({ passthrough: true }) response: Response) {
    return this.upstream.forward(response, caller, 'document-projection', 'GET', '/internal/partner/stock', {
      query,
    });
  }
}
