import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiParam } from '@nestjs/swagger';
import { AdministratorGuard } from '../auth/administrator.guard';

/** Routes under `/api/admin/tenants/:tenantId`: administrators of that tenant only (404 for anyone else). */
export const AdminArea = () =>
  applyDecorators(
    ApiBearerAuth('oidc'),
    ApiParam({ name: 'tenantId', description: 'A tenant the signed-in person administers', example: 'demo' }),
    UseGuards(AdministratorGuard),
  );
