import nx from '@nx/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * Module boundaries (Nx tags in every project.json):
 * - type:app (services) may use contracts, messaging (type:infra) and the test harness, never another app;
 *   scope:<service> may use only its own scope and scope:shared.
 * - type:contracts depends only on contracts (the HTTP API's DTOs build on the event contracts' field rules); type:infra (messaging) on contracts (and the harness in its tests);
 *   type:test (libs/testing) on contracts, the internal API conventions and tooling; type:tooling (infra/, tools/) on contracts, messaging and tooling;
 *   type:bench (bench/) also on the test harness, whose isolation and service processes it reuses.
 * - type:e2e (the web app's browser journeys) drives the platform like the tests do: the harness, tooling, contracts.
 * - scope:web (the web app) depends on no library at all: it runs in the browser, talks only to the gateway, and its
 *   API types are generated from the gateway's OpenAPI document.
 * tools/workspace-checks proves the rule fires.
 */
export const depConstraints = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contracts', 'type:infra', 'type:test'] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:contracts', 'type:test'] },
  { sourceTag: 'type:test', onlyDependOnLibsWithTags: ['type:contracts', 'type:infra', 'type:tooling'] },
  { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:contracts', 'type:infra', 'type:tooling'] },
  { sourceTag: 'type:bench', onlyDependOnLibsWithTags: ['type:contracts', 'type:infra', 'type:test', 'type:tooling'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:partner-identity', onlyDependOnLibsWithTags: ['scope:partner-identity', 'scope:shared'] },
  { sourceTag: 'scope:licensing', onlyDependOnLibsWithTags: ['scope:licensing', 'scope:shared'] },
  { sourceTag: 'scope:invitations', onlyDependOnLibsWithTags: ['scope:invitations', 'scope:shared'] },
  { sourceTag: 'scope:document-projection', onlyDependOnLibsWithTags: ['scope:document-projection', 'scope:shared'] },
  { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:gateway', 'scope:shared'] },
  { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web'] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:contracts', 'type:infra', 'type:test', 'type:tooling'] },
];

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '.local/**', '.nx/**', 'coverage/**', 'tmp/**'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allowCircularSelfDependency: false, depConstraints },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['services/web/src/**/*.{ts,tsx}'], ...reactHooks.configs.flat.recommended },
  {
    files: [
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/test/**/*.ts',
      'libs/testing/src/**/*.ts',
      'tools/dev/**/*.ts',
      'bench/**/*.ts',
      'services/web/e2e/**/*.ts',
    ],
    // Tests and scripts read JSON answers whose shape they assert or print; typing every one would add nothing.
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
];
