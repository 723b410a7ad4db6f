import { Module } from '@nestjs/common';
import { AdministratorsModule } from '../administrators/administrators.module';
import { PrincipalsController } from './principals.controller';
import { PrincipalsService } from './principals.service';

@Module({ imports: [AdministratorsModule], controllers: [PrincipalsController], providers: [PrincipalsService] })
export class PrincipalsModule {}
