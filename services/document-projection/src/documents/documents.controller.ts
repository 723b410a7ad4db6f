import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { CurrentPrincipal, TenantAdministratorGuard, TenantParams, type Principal } from '@partner-portal/internal-api';
import { AdminDocumentSummaryQuery, AdminListDocumentsQuery, ListDocumentsQuery } from '@partner-portal/api-contracts';
import { DocumentParams, TenantDocumentParams } from './document.params.dto';
import { DocumentsService } from './documents.service';
import { ViewerService } from './viewer.service';

/** A partner user's documents, in its words, limited to what its role lets it see. */
@Controller('internal/partner/documents')
export class PartnerDocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly viewers: ViewerService,
  ) {}

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ListDocumentsQuery) {
    return this.documents.list(await this.viewers.viewerFor(principal), query);
  }

  /** Before `:documentId`, which would take `summary` for an id. */
  @Get('summary')
  async summary(@CurrentPrincipal() principal: Principal) {
    return this.documents.summary(await this.viewers.viewerFor(principal));
  }

  @Get(':documentId')
  async get(@CurrentPrincipal() principal: Principal, @Param() { documentId }: DocumentParams) {
    return this.documents.get(await this.viewers.viewerFor(principal), documentId);
  }
}

/** Every document of a tenant, for its administrators. */
@UseGuards(TenantAdministratorGuard)
@Controller('internal/tenants/:tenantId/documents')
export class AdminDocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly viewers: ViewerService,
  ) {}

  @Get()
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param() _params: TenantParams,
    @Query() query: AdminListDocumentsQuery,
  ) {
    return this.documents.list(await this.viewers.viewerFor(principal), query);
  }

  @Get('summary')
  async summary(
    @CurrentPrincipal() principal: Principal,
    @Param() _params: TenantParams,
    @Query() query: AdminDocumentSummaryQuery,
  ) {
    return this.documents.summary(await this.viewers.viewerFor(principal), query);
  }

  @Get(':documentId')
  async get(@CurrentPrincipal() principal: Principal, @Param() { documentId }: TenantDocumentParams) {
    return this.documents.get(await this.viewers.viewerFor(principal), documentId);
  }
}
