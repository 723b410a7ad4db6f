// class-transformer's @Type reads design-time metadata.
import 'reflect-metadata';
export * from './paging';
export * from './response-rules';
export * from './partner-place.responses';
export * from './licensing.requests';
export * from './licensing.responses';
export * from './invitations.requests';
export * from './invitations.responses';
export * from './partner-identity.requests';
export * from './partner-identity.responses';
export * from './documents.requests';
export * from './documents.responses';
export * from './principals';
export * from './me.responses';
export * from './connector.responses';
export * from './web-app.responses';
