import { Module } from '@nestjs/common';
import { InvitationStatusConsumer } from './invitation-status.consumer';
import { InvitationStatusService } from './invitation-status.service';

@Module({
  controllers: [InvitationStatusConsumer],
  providers: [InvitationStatusService],
  exports: [InvitationStatusService],
})
export class InvitationStatusModule {}
