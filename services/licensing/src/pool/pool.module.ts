import { Module } from '@nestjs/common';
import { ModuleStatusModule } from '../module-status/module-status.module';
import { LicensesByState } from './license-metrics';
import { PoolController } from './pool.controller';
import { PoolService } from './pool.service';

@Module({ imports: [ModuleStatusModule], controllers: [PoolController], providers: [PoolService, LicensesByState] })
export class PoolModule {}
