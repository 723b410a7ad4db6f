import { Module } from '@nestjs/common';
import { ClientConfigController } from './client-config.controller';

/** The web app's side of the gateway: its sign-in configuration (the static files are served in app.setup.ts). */
@Module({ controllers: [ClientConfigController] })
export class WebAppModule {}
