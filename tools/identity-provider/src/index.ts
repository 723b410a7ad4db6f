export * from './accounts';
export * from './identity-provider';
