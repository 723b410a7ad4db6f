import { Module } from '@nestjs/common';
import { PortalUsersModule } from '../portal-users/portal-users.module';
import { MasterDataConsumer } from './master-data.consumer';
import { MasterDataService } from './master-data.service';

@Module({
  imports: [PortalUsersModule],
  controllers: [MasterDataConsumer],
  providers: [MasterDataService],
})
export class MasterDataModule {}
