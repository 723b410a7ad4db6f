import { Controller, UseGuards } from '@nestjs/common';
import { TenantAdministratorOrConnectorReaderGuard } from '@partner-portal/internal-api';
import { ConnectorDeadLettersRoutes } from '@partner-portal/messaging';

/** The tenant's connector events this service could not apply, for its administrators and (to read) its connectors. */
@UseGuards(TenantAdministratorOrConnectorReaderGuard)
@Controller('internal/tenants/:tenantId/connector-dead-letters')
export class ConnectorDeadLettersController extends ConnectorDeadLettersRoutes {}
