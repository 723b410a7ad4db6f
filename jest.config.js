// One jest run for the whole workspace (`npm test`); each project keeps its own jest.config.js.
const { existsSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

// The global setup loads workspace libraries through Node's own resolver, which picks their TypeScript sources
// only under the `development` condition (npm test sets it).
if (!`${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`.includes('--conditions=development')) {
  throw new Error('run the tests with `npm test` (or NODE_OPTIONS=--conditions=development npx jest ...)');
}

const projectDirs = ['libs', 'services', 'tools']
  .flatMap((group) =>
    existsSync(join(__dirname, group)) ? readdirSync(join(__dirname, group)).map((d) => join(group, d)) : [],
  )
  .concat(['infra', 'bench', 'services/web/e2e'])
  .filter((dir) => existsSync(join(__dirname, dir, 'jest.config.js')));

module.exports = {
  projects: projectDirs.map((dir) => `<rootDir>/${dir}/jest.config.js`),
  globalSetup: '<rootDir>/tools/testing/src/jest/global-setup.ts',
  globalTeardown: '<rootDir>/tools/testing/src/jest/global-teardown.ts',
  // Integration tests wait for brokers and consumer groups; unit tests finish far sooner.
  testTimeout: 60_000,
};
