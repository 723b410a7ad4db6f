import { Module } from '@nestjs/common';
import { PortalUsersModule } from '../portal-users/portal-users.module';
import { BrowseController } from './browse.controller';
import { BrowseService } from './browse.service';
import { PartnerContactsController } from './partner-contacts.controller';

@Module({
  imports: [PortalUsersModule],
  controllers: [BrowseController, PartnerContactsController],
  providers: [BrowseService],
})
export class BrowseModule {}
