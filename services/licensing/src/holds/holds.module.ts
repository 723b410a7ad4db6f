import { Module } from '@nestjs/common';
import { ModuleStatusModule } from '../module-status/module-status.module';
import { HoldsService } from './holds.service';
import { InvitationSagaConsumer } from './invitation-saga.consumer';

@Module({ imports: [ModuleStatusModule], controllers: [InvitationSagaConsumer], providers: [HoldsService] })
export class HoldsModule {}
