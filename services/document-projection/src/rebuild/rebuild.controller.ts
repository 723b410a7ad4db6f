import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { RebuildService } from './rebuild.service';

/** Operator routes (OPERATOR_API_TOKEN only, not exposed by the gateway): rebuild the read model from Kafka. */
@Controller('internal/operator/rebuild')
export class RebuildController {
  constructor(private readonly rebuilds: RebuildService) {}

  @Post()
  @HttpCode(202)
  start() {
    return this.rebuilds.start();
  }

  @Get()
  status() {
    return this.rebuilds.current();
  }
}
