import { Body, Controller, Get, Headers, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ORDER_FILE_MAX_LENGTH,
  OrderListQuery,
  OrderListResponse,
  OrderRequest,
  OrderResponse,
  UploadedOrdersResponse,
} from '@partner-portal/api-contracts';
import { InvalidInputException } from '@partner-portal/internal-api';
import { Documented, IdempotencyKeyHeader } from '../docs/documented';
import { CurrentCaller, type Caller } from '../observability/gateway-request';
import { UpstreamClient } from '../upstream/upstream.client';
import { MemberArea } from './member-area';

/** An uploaded file as multer hands it over. */
interface UploadedOrderFile {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/** Customers place orders (one, or a file of them) and follow them until the ERP answers. */
@ApiTags('Portal: orders')
@MemberArea()
@Controller('api/portal/orders')
export class PortalOrdersController {
  constructor(private readonly upstream: UpstreamClient) {}

  @Post()
  @IdempotencyKeyHeader('order')
  @Documented('Place an order; prices come from the price list, the rest from the contact record', {
    type: OrderResponse,
    status: 201,
    returns: 'The order, submitted (200 with the same order when the key was used before)',
    replayed: 'The same order: the key was used before, nothing more was placed',
    problems: [400, 403, 422],
  })
  create(
    @CurrentCaller() caller: Caller,
    @Body() body: OrderRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.upstream.forward(response, caller, 'document-projection', 'POST', '/internal/partner/orders', {
      body,
      headers: { 'idempotency-key': idempotencyKey },
    });
  }

  @Post('upload')
  @IdempotencyKeyHeader('file')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description:
            'CSV (UTF-8, at most 2 MB): orderRef, requestedReceiptDate, requisitionNo, deliveryDescription, deliveryLine1, deliveryLine2, deliveryCity, deliveryPostalCode, deliveryCountryCode, itemNo, quantity, unitCode',
        },
      },
    },
  })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: ORDER_FILE_MAX_LENGTH, files: 1, fields: 5 } }))
  @Documented('Upload a CSV file of order lines: all its orders, or none and every error with its row', {
    type: UploadedOrdersResponse,
    status: 201,
    returns: 'The orders created',
    replayed: 'The same orders: the key was used before, nothing more was placed',
    problems: [400, 403, 413, 422],
  })
  upload(
    @CurrentCaller() caller: Caller,
    @UploadedFile() file: UploadedOrderFile | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    if (!file)
      throw new InvalidInputException([{ field: 'file', reason: 'a CSV file is required (form field "file")' }]);
    const content = new TextDecoder('utf-8', { fatal: false }).decode(file.buffer).replace(/^\uFEFF/, '');
    if (content.includes('\uFFFD')) {
      throw new InvalidInputException([{ field: 'file', reason: 'the file must be UTF-8 text (CSV)' }]);
    }
    return this.upstream.forward(response, caller, 'document-projection', 'POST', '/internal/partner/orders/upload', {
      body: { fileName: file.originalname.slice(0, 200), content },
      headers: { 'idempotency-key': idempotencyKey },
    });
  }

  @Get()
  @Documented('Orders placed through the portal, newest first, with their ERP answer', {
    type: OrderListResponse,
    returns: 'The orders',
    problems: [400, 403],
  })
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: OrderListQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.upstream.forward(response, caller, 'document-projection', 'GET', '/internal/partner/orders', { query });
  }
}
