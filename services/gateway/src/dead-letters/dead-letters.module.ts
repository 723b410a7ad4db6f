import { Module } from '@nestjs/common';
import { ConnectorDeadLetters } from './connector-dead-letters';

/** A tenant's connector dead letters, merged across the services: read by its administrator and its connector. */
@Module({ providers: [ConnectorDeadLetters], exports: [ConnectorDeadLetters] })
export class DeadLettersModule {}
