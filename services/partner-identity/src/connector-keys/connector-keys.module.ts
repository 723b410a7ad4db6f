import { Module } from '@nestjs/common';
import { ConnectorKeysController, ConnectorKeyVerificationController } from './connector-keys.controller';
import { ConnectorKeysService } from './connector-keys.service';

@Module({
  controllers: [ConnectorKeysController, ConnectorKeyVerificationController],
  providers: [ConnectorKeysService],
})
export class ConnectorKeysModule {}
