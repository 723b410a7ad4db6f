// Component tests of the web app (src/**/*.spec.ts(x)) in jsdom, for the pieces with logic. The journeys run in a
// real Chromium against the whole platform: e2e/jest.config.js.
const { swcOptions } = require('../../jest.preset.js');

const tsxOptions = {
  ...swcOptions,
  jsc: {
    ...swcOptions.jsc,
    parser: { ...swcOptions.jsc.parser, tsx: true },
    transform: { ...swcOptions.jsc.transform, react: { runtime: 'automatic' } },
  },
};

module.exports = {
  displayName: 'web',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.spec.tsx'],
  transform: { '^.+\\.(t|j|mj)sx?$': ['@swc/jest', tsxOptions] },
  moduleNameMapper: { '\\.css$': '<rootDir>/src/test-support/style-stub.js' },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
};
