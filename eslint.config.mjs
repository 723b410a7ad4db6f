import nx from '@nx/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * Module boundaries (Nx tags in every project.json):
 * - Libraries (libs/, tagged type:contracts or type:infra) never depend on tools/ or infra/ (type:tooling) nor on the
 *   test harness (tools/testing, type:test); tools/workspace-checks also checks that nothing else lives under libs/.
 * - type:app (services) may use contracts and the libraries (type:infra), never another app;
 *   scope:<service> may use only its own scope and scope:shared.
 * - type:contracts depends only on contracts (the HTTP API's DTOs build on the event contracts' field rules); type:infra
 *   (messaging, erp-mirror, internal-api) on contracts and logging.
 * - type:logging (libs/logging: the one log line shape, its context and redaction, and the trace context) depends on
 *   no library, and every project but the web app may use it: the services' HTTP side (internal-api) and their Kafka
 *   side (messaging) must share one request/event context and one trace, and neither may depend on the other.
 * - The tests of services and libraries (their test/ folders and *.spec.ts files, `testDepConstraints`) may also use
 *   the test harness, which finds or starts Kafka and PostgreSQL, spawns the identity provider and the services: it
 *   is tooling, so it lives in tools/testing, and only tests reach it.
 * - type:test (the harness) on contracts, the libraries and tooling; type:tooling (infra/, tools/) on contracts, the
 *   libraries and tooling; type:bench (bench/) also on the harness, whose isolation and service processes it reuses.
 * - type:e2e (the web app's browser journeys, the fault suite in tools/faults) drives the platform like the tests do:
 *   the harness, tooling, contracts.
 * - scope:web (the web app) depends on no library at all: it runs in the browser, talks only to the gateway, and its
 *   API types are generated from the gateway's OpenAPI document.
 * tools/workspace-checks proves the rule fires.
 */
export const depConstraints = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contracts', 'type:infra', 'type:logging'] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:contracts', 'type:logging'] },
  { sourceTag: 'type:logging', onlyDependOnLibsWithTags: [] },
  {
    sourceTag: 'type:test',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:infra', 'type:logging', 'type:tooling'],
  },
  {
    sourceTag: 'type:tooling',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:infra', 'type:logging', 'type:tooling'],
  },
  {
    sourceTag: 'type:bench',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:infra', 'type:logging', 'type:test', 'type:tooling'],
  },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:partner-identity', onlyDependOnLibsWithTags: ['scope:partner-identity', 'scope:shared'] },
  { sourceTag: 'scope:licensing', onlyDependOnLibsWithTags: ['scope:licensing', 'scope:shared'] },
  { sourceTag: 'scope:invitations', onlyDependOnLibsWithTags: ['scope:invitations', 'scope:shared'] },
  { sourceTag: 'scope:document-projection', onlyDependOnLibsWithTags: ['scope:document-projection', 'scope:shared'] },
  { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:gateway', 'scope:shared'] },
  { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web'] },
  {
    sourceTag: 'type:e2e',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:infra', 'type:logging', 'type:test', 'type:tooling'],
  },
];

/** The tests of services and libraries: the same, and the test harness besides. */
export const testDepConstraints = depConstraints.map((constraint) =>
  ['type:app', 'type:infra'].includes(constraint.sourceTag)
    ? { ...constraint, onlyDependOnLibsWithTags: [...constraint.onlyDependOnLibsWithTags, 'type:test'] }
    : constraint,
);

/** Files that are tests of the project they sit in. */
const testFiles = ['**/test/**/*.ts', '**/*.spec.ts', '**/*.int-spec.ts'];

const boundaries = (constraints) => ({
  '@nx/enforce-module-boundaries': [
    'error',
    { enforceBuildableLibDependency: false, allowCircularSelfDependency: false, depConstraints: constraints },
  ],
});

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '.local/**', '.nx/**', 'coverage/**', 'tmp/**'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      ...boundaries(depConstraints),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: testFiles, rules: boundaries(testDepConstraints) },
  { files: ['services/web/src/**/*.{ts,tsx}'], ...reactHooks.configs.flat.recommended },
  {
    files: [
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/test/**/*.ts',
      'tools/testing/src/**/*.ts',
      'tools/dev/**/*.ts',
      'bench/**/*.ts',
      'services/web/e2e/**/*.ts',
    ],
    // Tests and scripts read JSON answers whose shape they assert or print; typing every one would add nothing.
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
];
