export * from './test-infra';
export * from './isolation';
export * from './waiting';
export * from './topic-reader';
export * from './ephemeral-kafka';
export * from './event-publisher';
export * from './fixtures/platform-events';
export * from './service-under-test';
