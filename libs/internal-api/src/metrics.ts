import { Controller, Get, Res } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { collectDefaultMetrics, Histogram, register } from 'prom-client';
import { PublicRoute } from './public-route';

/** A metric of the process-wide registry, created once even when several apps share a process (tests). */
export function singleMetric<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

const httpDuration = () =>
  singleMetric(
    'http_request_duration_seconds',
    () =>
      new Histogram({
        name: 'http_request_duration_seconds',
        help: 'HTTP request latency by method, route pattern and status',
        labelNames: ['service', 'method', 'route', 'status'],
        buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      }),
  );

/** Express middleware timing every request by its route pattern (never the raw path, which would explode labels). */
export function httpMetrics(service: string) {
  const histogram = httpDuration();
  return (request: Request, response: Response, next: NextFunction) => {
    const end = histogram.startTimer();
    response.once('finish', () => {
      const route = (request.route as { path?: string } | undefined)?.path ?? 'unmatched';
      end({ service, method: request.method, route, status: String(response.statusCode) });
    });
    next();
  };
}

/**
 * The process's own metrics (GC pauses by kind, event loop lag, heap by space, CPU, handles), once per process:
 * the pauses behind a slow tail show here first. The loop is sampled every 100 ms: every 10 ms woke each idle
 * service 100 times a second (2-3% of a core at rest, bench/src/idle-cost.ts), and a lag worth an alert (200 ms)
 * spans samples either way; each pause is in the GC histogram.
 */
function collectProcessMetrics(): void {
  if (register.getSingleMetric('nodejs_gc_duration_seconds')) return;
  collectDefaultMetrics({ eventLoopMonitoringPrecision: 100 });
}

/** `/metrics` in Prometheus' text format: the process, HTTP latency, and what the messaging library and the service register. */
@ApiTags('Operations')
@Controller('metrics')
export class MetricsController {
  constructor() {
    collectProcessMetrics();
  }

  @Get()
  @PublicRoute()
  @ApiOperation({ summary: 'Metrics in Prometheus text format' })
  @ApiProduces('text/plain')
  @ApiResponse({
    status: 200,
    description: 'HTTP latency, consumer lag, inbox outcomes, dead letters, outbox backlog',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  @ApiResponse({ status: 503, description: 'Not answered while the process starts or stops' })
  async metrics(@Res() response: Response) {
    response.type(register.contentType).send(await register.metrics());
  }
}
