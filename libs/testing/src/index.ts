export * from './test-infra';
export * from './isolation';
export * from './waiting';
export * from './topic-reader';
export * from './ephemeral-kafka';
