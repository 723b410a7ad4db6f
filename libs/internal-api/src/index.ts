export * from './problem-details.filter';
export * from './validation';
export * from './internal-api.guard';
export * from './principal';
export * from './scope';
export * from './service-config';
export * from './conventions';
export * from './start-service';
