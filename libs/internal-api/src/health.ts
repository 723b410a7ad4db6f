import {
  Controller,
  Get,
  HttpCode,
  Inject,
  Module,
  Optional,
  ServiceUnavailableException,
  type DynamicModule,
  type Type,
} from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { MetricsController } from './metrics';
import { PublicRoute } from './public-route';

export { PUBLIC_ROUTE, PublicRoute } from './public-route';

/** Something a service needs before it can take work, such as its Kafka broker. */
export interface ReadinessCheck {
  /** Named in the readiness answer, e.g. `kafka`. */
  readonly name: string;
  /**
   * Resolves when the dependency answers; rejects with the reason otherwise (an error named `NotReadyError` reads
   * "not ready: <reason>", any other "unreachable: <reason>").
   */
  check(): Promise<void>;
}

const READINESS_CHECKS = 'partner-portal:readiness-checks';

/**
 * `/health/live`: the process answers. `/health/ready`: its database (when it has one) and every registered check
 * (Kafka) answer; 503 naming what does not. No credential needed.
 */
@ApiTags('Operations')
@Controller('health')
export class HealthController {
  constructor(
    @Optional() private readonly dataSource?: DataSource,
    @Optional() @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[] = [],
  ) {}

  @Get('live')
  @PublicRoute()
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiResponse({
    status: 200,
    description: '{ status: "ok" }',
    schema: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } },
  })
  @ApiResponse({ status: 503, description: 'Never answered by a live process; a probe that gets nothing restarts it' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @PublicRoute()
  @HttpCode(200)
  @ApiOperation({ summary: 'Readiness: the database (if any) and every dependency check answer' })
  @ApiResponse({
    status: 200,
    description: '{ status: "ok", <dependency>: "ok" }',
    schema: {
      type: 'object',
      required: ['status'],
      properties: { status: { type: 'string', enum: ['ok'] } },
      additionalProperties: { type: 'string', enum: ['ok'] },
    },
  })
  @ApiResponse({ status: 503, description: 'Names each dependency that does not answer, and why' })
  async ready() {
    const database = this.dataSource;
    const probes: Array<[string, () => Promise<unknown>]> = this.checks.map((c) => [c.name, () => c.check()]);
    if (database) probes.unshift(['database', () => database.query('SELECT 1')]);
    const results = await Promise.all(
      probes.map(async ([name, probe]) => {
        try {
          await probe();
          return [name, 'ok'] as const;
        } catch (error) {
          // A dependency that answers but cannot take work yet (a consumer group still joining) says so itself.
          const verdict = (error as Error).name === 'NotReadyError' ? 'not ready' : 'unreachable';
          return [name, `${verdict}: ${(error as Error).message}`] as const;
        }
      }),
    );
    const failed = results.filter(([, state]) => state !== 'ok');
    if (failed.length > 0) {
      throw new ServiceUnavailableException(failed.map(([name, state]) => `${name} ${state}`).join('; '));
    }
    return { status: 'ok', ...Object.fromEntries(results) };
  }
}

/** Health and metrics routes of a service; `withChecks` adds readiness checks (providers available in the app). */
@Module({ controllers: [HealthController, MetricsController] })
export class HealthModule {
  static withChecks(...checks: Array<Type<ReadinessCheck>>): DynamicModule {
    return {
      module: HealthModule,
      providers: [{ provide: READINESS_CHECKS, inject: checks, useFactory: (...found: ReadinessCheck[]) => found }],
    };
  }
}
