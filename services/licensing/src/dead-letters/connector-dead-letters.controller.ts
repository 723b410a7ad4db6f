import { Controller, UseGuards } from '@nestjs/common';
import { TenantAdministratorGuard } from '@partner-portal/internal-api';
import { ConnectorDeadLettersRoutes } from '@partner-portal/messaging';

/** The tenant's connector events this service could not apply, for its administrators (through the gateway). */
@UseGuards(TenantAdministratorGuard)
@Controller('internal/tenants/:tenantId/connector-dead-letters')
export class ConnectorDeadLettersController extends ConnectorDeadLettersRoutes {}
