import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { IsUUID } from 'class-validator';
import {
  CurrentPrincipal,
  RequestId,
  requireAdministratorOf,
  TenantAdministratorGuard,
  TenantParams,
  type Principal,
} from '@partner-portal/internal-api';
import {
  BulkInviteRequest,
  InviteRequest,
  ListInvitationsQuery,
  RevokeRequest,
  type BulkInviteResponse,
} from '@partner-portal/api-contracts';
import { InvitationsService, type Requester } from './invitations.service';

/** Path of one invitation. */
export class InvitationParams extends TenantParams {
  @IsUUID()
  invitationId!: string;
}

function requesterOf(principal: Principal, tenantId: string, name?: string): Requester {
  const admin = requireAdministratorOf(principal, tenantId);
  return { kind: 'admin', subject: admin.subject, name };
}

/** Administrators invite contacts and follow, resend and revoke invitations. */
@UseGuards(TenantAdministratorGuard)
@Controller('internal/tenants/:tenantId/invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post()
  invite(
    @CurrentPrincipal() principal: Principal,
    @Param() { tenantId }: TenantParams,
    @Body() body: InviteRequest,
    @RequestId() correlationId: string,
  ) {
    return this.invitations.create(tenantId, body, requesterOf(principal, tenantId, body.inviterName), correlationId);
  }

  /**
   * 200 with `{dryRun, licensesNeeded, results}`: one result per contact, in request order: `created` with the
   * invitation (`would_create` in a dry run, which writes nothing), or `refused` with why.
   */
  @Post('bulk')
  @HttpCode(200)
  inviteMany(
    @CurrentPrincipal() principal: Principal,
    @Param() { tenantId }: TenantParams,
    @Body() body: BulkInviteRequest,
    @RequestId() correlationId: string,
  ): Promise<BulkInviteResponse> {
    const requester = requesterOf(principal, tenantId, body.invitations[0]?.inviterName);
    return this.invitations.inviteMany(tenantId, body.invitations, requester, correlationId, body.dryRun ?? false);
  }

  @Get()
  list(@Param() { tenantId }: TenantParams, @Query() query: ListInvitationsQuery) {
    return this.invitations.list(tenantId, query);
  }

  @Get(':invitationId')
  get(@Param() { tenantId, invitationId }: InvitationParams) {
    return this.invitations.get(tenantId, invitationId);
  }

  @Post(':invitationId/resend')
  @HttpCode(200)
  resend(@Param() { tenantId, invitationId }: InvitationParams) {
    return this.invitations.resend(tenantId, invitationId);
  }

  @Post(':invitationId/revoke')
  @HttpCode(200)
  revoke(
    @CurrentPrincipal() principal: Principal,
    @Param() { tenantId, invitationId }: InvitationParams,
    @Body() body: RevokeRequest,
    @RequestId() correlationId: string,
  ) {
    const admin = requireAdministratorOf(principal, tenantId);
    return this.invitations.revoke(
      tenantId,
      invitationId,
      { kind: 'admin', subject: admin.subject },
      correlationId,
      body.reason,
    );
  }
}
