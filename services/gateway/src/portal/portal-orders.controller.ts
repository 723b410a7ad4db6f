import {
  applyDecorators,
  Body,
  Controller,
  Get,
  Headers,
  Param,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  CataloguePage,
  CatalogueQuery,
  ORDER_FILE_MAX_LENGTH,
  OrderDefaultsResponse,
  OrderListQuery,
  OrderListResponse,
  OrderRequest,
  OrderResponse,
  OrderTemplateQuery,
  OrderUploadPreviewResponse,
  UploadedOrdersResponse,
} from '@partner-portal/api-contracts';
import { InvalidInputException } from '@partner-portal/internal-api';
import { Documented, IdempotencyKeyHeader } from '../docs/documented';
import { CurrentCaller, type Caller } from '../observability/gateway-request';
import { pathOf, UuidParam } from '../upstream/path-params';
import { UpstreamClient } from '../upstream/upstream.client';
import { MemberArea } from './member-area';

const COLUMNS_TEXT =
  'orderRef, requestedReceiptDate, requisitionNo (may be left out), deliveryDescription, deliveryLine1, deliveryLine2 (may be left out), deliveryCity, deliveryPostalCode, deliveryCountryCode, itemNo, quantity, unitCode';

/** The multipart body of an order file, as the OpenAPI document shows it, and the limits multer enforces. */
const OrderFile = () =>
  applyDecorators(
    ApiConsumes('multipart/form-data'),
    ApiBody({
      schema: {
        type: 'object',
        required: ['file'],
        properties: {
          file: {
            type: 'string',
            format: 'binary',
            description: `CSV, UTF-8 with or without a byte order mark, at most 2 MB, comma or semicolon (read from the header line; a semicolon file may use decimal commas and day-first dates as Excel writes them in Dutch and German). Columns: ${COLUMNS_TEXT}; rows with the same orderRef make one order.`,
          },
        },
      },
    }),
    UseInterceptors(FileInterceptor('file', { limits: { fileSize: ORDER_FILE_MAX_LENGTH, files: 1, fields: 5 } })),
  );

/** The problems the template route can answer (`Documented` names JSON answers only). */
const TemplateProblems = () =>
  applyDecorators(
    ...[400, 401, 403, 429, 503].map((status) =>
      ApiResponse({
        status,
        description: 'A problem (application/problem+json)',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      }),
    ),
  );

/** The text of an uploaded CSV file; 400 naming `file` when there is none or it is not UTF-8. */
function csvText(file: UploadedOrderFile | undefined): { fileName: string; content: string } {
  if (!file) throw new InvalidInputException([{ field: 'file', reason: 'a CSV file is required (form field "file")' }]);
  const content = new TextDecoder('utf-8', { fatal: false }).decode(file.buffer).replace(/^\uFEFF/, '');
  if (content.includes('\uFFFD')) {
    throw new InvalidInputException([{ field: 'file', reason: 'the file must be UTF-8 text (CSV)' }]);
  }
  return { fileName: file.originalname.slice(0, 200), content };
}

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
  @OrderFile()
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
    return this.upstream.forward(response, caller, 'document-projection', 'POST', '/internal/partner/orders/upload', {
      body: csvText(file),
      headers: { 'idempotency-key': idempotencyKey },
    });
  }

  @Post('upload/preview')
  @OrderFile()
  @Documented('Check a CSV file of order lines exactly as the upload would, creating nothing', {
    type: OrderUploadPreviewResponse,
    returns: 'The orders the upload would create and every problem with its row and column (`acceptable` when none)',
    problems: [400, 403, 413],
  })
  previewUpload(
    @CurrentCaller() caller: Caller,
    @UploadedFile() file: UploadedOrderFile | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.upstream.forward(
      response,
      caller,
      'document-projection',
      'POST',
      '/internal/partner/orders/upload/preview',
      { body: csvText(file) },
    );
  }

  @Get('upload/template')
  @ApiOperation({ summary: 'The CSV template of an order upload: the header and an example row' })
  @ApiProduces('text/csv')
  @ApiResponse({
    status: 200,
    description: `A CSV file (UTF-8 with a byte order mark, CRLF) named orders-template.csv: ${COLUMNS_TEXT}`,
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @TemplateProblems()
  async template(
    @CurrentCaller() caller: Caller,
    @Query() query: OrderTemplateQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    const answer = await this.upstream.forward(
      response,
      caller,
      'document-projection',
      'GET',
      '/internal/partner/orders/upload/template',
      { query },
    );
    if (response.statusCode === 200)
      response.setHeader('content-disposition', 'attachment; filename="orders-template.csv"');
    return answer;
  }

  @Get('defaults')
  @Documented('What an order takes from the contact record (shown by the wizard, not typed)', {
    type: OrderDefaultsResponse,
    returns: 'Company, customer, currency, price list, language, ship-to country, contact and a delivery address',
    problems: [403, 422],
  })
  defaults(@CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response) {
    return this.upstream.forward(response, caller, 'document-projection', 'GET', '/internal/partner/orders/defaults');
  }

  @Get()
  @Documented('Orders placed through the portal, newest first, with their ERP answer', {
    type: OrderListResponse,
    returns: 'A page of orders (page, pageSize up to 200, total)',
    problems: [400, 403],
  })
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: OrderListQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.upstream.forward(response, caller, 'document-projection', 'GET', '/internal/partner/orders', { query });
  }

  @Get(':portalOrderId')
  @Documented('One order placed through the portal, with its ERP answer', {
    type: OrderResponse,
    returns: 'The order',
    problems: [400, 403, 404],
  })
  one(
    @CurrentCaller() caller: Caller,
    @Param('portalOrderId', UuidParam) portalOrderId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.upstream.forward(
      response,
      caller,
      'document-projection',
      'GET',
      pathOf`/internal/partner/orders/${portalOrderId}`,
    );
  }
}

/** The item catalogue of the order wizard: what the customer can order, priced from its price list. */
@ApiTags('Portal: orders')
@MemberArea()
@Controller('api/portal/items')
export class PortalItemsController {
  constructor(private readonly upstream: UpstreamClient) {}

  @Get()
  @Documented("Items the customer can order, with prices from the customer's price list, by item number", {
    type: CataloguePage,
    returns:
      'A page of items (page, pageSize up to 200, total; blocked and unpriced ones left out), each with the units it has a price in',
    problems: [400, 403, 422],
  })
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: CatalogueQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.upstream.forward(response, caller, 'document-projection', 'GET', '/internal/partner/orders/catalogue', {
      query,
    });
  }
}
