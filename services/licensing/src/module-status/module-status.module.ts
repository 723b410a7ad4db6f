import { Module } from '@nestjs/common';
import { ExtensionStatusConsumer } from './extension-status.consumer';
import { ExtensionStatusService } from './extension-status.service';

@Module({
  controllers: [ExtensionStatusConsumer],
  providers: [ExtensionStatusService],
  exports: [ExtensionStatusService],
})
export class ModuleStatusModule {}
