// class-transformer's @Type reads design-time metadata.
import 'reflect-metadata';
export * from './paging';
export * from './licensing.requests';
export * from './invitations.requests';
export * from './partner-identity.requests';
export * from './documents.requests';
export * from './principals';
