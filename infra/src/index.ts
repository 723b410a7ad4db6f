export * from './paths';
export * from './process-tools';
export * from './kafka-broker';
export * from './topics';
export * from './postgres';
export * from './local-infra';
export * from './web-app';
export * from './dev-mailbox';
