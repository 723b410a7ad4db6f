// Shared jest settings of every project: TypeScript through SWC (with decorator metadata, which Nest needs),
// workspace libraries resolved to their sources, and the ESM-only NestJS 12 packages transformed to CommonJS.
const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

/** Jest settings of one project: unit tests in src/**\/*.spec.ts, integration tests in test/**\/*.int-spec.ts. */
function projectConfig(rootDir, displayName) {
  return {
    displayName,
    rootDir,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
    transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', swcOptions] },
    transformIgnorePatterns: [
      '/node_modules/(?!(@nestjs|file-type|strtok3|token-types|uint8array-extras|@tokenizer)/)',
    ],
    testEnvironmentOptions: { customExportConditions: ['node', 'require', 'development'] },
    moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  };
}

module.exports = { projectConfig, swcOptions };
