import { Controller, Get, HttpCode, Module, ServiceUnavailableException, SetMetadata } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Marks a route that needs no internal credential (health checks for orchestrators and load balancers). */
export const PUBLIC_ROUTE = 'partner-portal:public-route';
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);

/** `/health/live`: the process answers. `/health/ready`: it can reach its database. No credential needed. */
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('live')
  @PublicRoute()
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @PublicRoute()
  @HttpCode(200)
  async ready() {
    try {
      await this.dataSource.query('SELECT 1');
    } catch (error) {
      throw new ServiceUnavailableException(`database unreachable: ${(error as Error).message}`);
    }
    return { status: 'ok', database: 'ok' };
  }
}

/** Health routes of a service with a database. */
@Module({ controllers: [HealthController] })
export class HealthModule {}
