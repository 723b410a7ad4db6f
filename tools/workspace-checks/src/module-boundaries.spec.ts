import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@partner-portal/infra';

const RULE = '@nx/enforce-module-boundaries';

/** Lints `code` as if it were the file at `filePath` with the workspace's own ESLint config, in a child process. */
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const result = spawnSync(
    process.execPath,
    [join(repoRoot, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', filePath, '--format', 'json'],
    { cwd: repoRoot, input: code, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false' } },
  );
  const [report] = JSON.parse(result.stdout) as Array<{ messages: Array<{ ruleId: string; message: string }> }>;
  return report.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

describe('the module boundary lint rule', () => {
  beforeAll(() => {
    // The rule reads Nx's cached project graph; make sure it exists and is current.
    execFileSync(process.execPath, [join(repoRoot, 'node_modules/nx/dist/bin/nx.js'), 'show', 'projects'], {
      cwd: repoRoot,
      env: { ...process.env, NX_DAEMON: 'false' },
    });
  });

  it('refuses contracts depending on anything but contracts', async () => {
    const errors = await boundaryErrors(
      'libs/contracts/src/probe.ts',
      "import { Outbox } from '@partner-portal/messaging';\nexport const probe = Outbox;\n",
    );
    expect(errors).toEqual([expect.stringContaining('"type:contracts" can only depend on libs tagged with')]);
    const apiOnEvents = await boundaryErrors(
      'libs/api-contracts/src/probe.ts',
      "import { PartnerType } from '@partner-portal/contracts';\nexport const probe = PartnerType;\n",
    );
    expect(apiOnEvents).toEqual([]);
  });

  it('refuses the messaging library depending on the local tooling', async () => {
    const errors = await boundaryErrors(
      'libs/messaging/src/probe.ts',
      "import { SERVICE_DATABASES } from '@partner-portal/infra';\nexport const probe = SERVICE_DATABASES;\n",
    );
    expect(errors).toEqual([expect.stringContaining('"type:infra" can only depend on libs tagged with')]);
  });

  it('keeps the logging library free of every other library, and lets the libraries and services use it', async () => {
    const errors = await boundaryErrors(
      'libs/logging/src/probe.ts',
      "import { Topics } from '@partner-portal/contracts';\nexport const probe = Topics;\n",
    );
    expect(errors).toEqual([expect.stringContaining('"type:logging" cannot depend on any libs with tags')]);
    const logging = "import { processLogger } from '@partner-portal/logging';\nexport const probe = processLogger;\n";
    expect(await boundaryErrors('libs/messaging/src/probe.ts', logging)).toEqual([]);
    expect(await boundaryErrors('services/gateway/src/probe.ts', logging)).toEqual([]);
  });

  it('refuses a service importing another service, by package or by path', async () => {
    const byPackage = await boundaryErrors(
      'services/licensing/src/probe.ts',
      "import { startPartnerIdentity } from '@partner-portal/partner-identity';\nexport const probe = startPartnerIdentity;\n",
    );
    expect(byPackage).toEqual(['Imports of apps are forbidden']);
    const byPath = await boundaryErrors(
      'services/licensing/src/probe.ts',
      "import { MasterDataService } from '../../partner-identity/src/master-data/master-data.service';\nexport const probe = MasterDataService;\n",
    );
    expect(byPath).toEqual([expect.stringContaining('relative or absolute path')]);
  });

  it('refuses a service depending on the local tooling', async () => {
    const errors = await boundaryErrors(
      'services/partner-identity/src/probe.ts',
      "import { SERVICE_DATABASES } from '@partner-portal/infra';\nexport const probe = SERVICE_DATABASES;\n",
    );
    expect(errors).toEqual([expect.stringContaining('"type:app" can only depend on libs tagged with')]);
  });

  it('refuses reaching into another project by a relative path', async () => {
    const errors = await boundaryErrors(
      'libs/messaging/src/probe.ts',
      "import { SERVICE_DATABASES } from '../../../infra/src/postgres';\nexport const probe = SERVICE_DATABASES;\n",
    );
    expect(errors).toEqual([expect.stringContaining('relative or absolute path')]);
  });

  it('refuses the web app importing any library: it only calls the gateway, with types from its OpenAPI document', async () => {
    const errors = await boundaryErrors(
      'services/web/src/probe.tsx',
      "import { PartnerType } from '@partner-portal/contracts';\nexport const probe = PartnerType;\n",
    );
    expect(errors).toEqual([expect.stringContaining('"scope:web" can only depend on libs tagged with')]);
  });

  it('refuses a library or a service using the test harness outside its tests', async () => {
    const probe = "import { waitFor } from '@partner-portal/testing';\nexport const probe = waitFor;\n";
    expect(await boundaryErrors('libs/erp-mirror/src/probe.ts', probe)).toEqual([
      expect.stringContaining('"type:infra" can only depend on libs tagged with'),
    ]);
    expect(await boundaryErrors('services/partner-identity/src/probe.ts', probe)).toEqual([
      expect.stringContaining('"type:app" can only depend on libs tagged with'),
    ]);
  });

  it('lets the tests of a library or a service use the test harness, and nothing else of the tooling', async () => {
    const harness = "import { waitFor } from '@partner-portal/testing';\nexport const probe = waitFor;\n";
    expect(await boundaryErrors('libs/messaging/test/probe.int-spec.ts', harness)).toEqual([]);
    expect(await boundaryErrors('libs/erp-mirror/src/probe.spec.ts', harness)).toEqual([]);
    expect(await boundaryErrors('services/partner-identity/test/probe.int-spec.ts', harness)).toEqual([]);
    const tooling =
      "import { SERVICE_DATABASES } from '@partner-portal/infra';\nexport const probe = SERVICE_DATABASES;\n";
    expect(await boundaryErrors('libs/messaging/test/probe.int-spec.ts', tooling)).toEqual([
      expect.stringContaining('"type:infra" can only depend on libs tagged with'),
    ]);
  });

  it('keeps libraries out of tools/ and infra/: every project under libs/ has a library tag, none elsewhere has', () => {
    // The rule is by tag; this ties the tags to the folders, so that a library is what lives under libs/.
    const libraryTags = ['type:contracts', 'type:infra', 'type:logging'];
    const types = (dir: string): string[] =>
      JSON.parse(readFileSync(join(repoRoot, dir, 'project.json'), 'utf8')).tags.filter((t: string) =>
        t.startsWith('type:'),
      );
    const projectsUnder = (group: string) =>
      readdirSync(join(repoRoot, group), { withFileTypes: true })
        .filter(
          (entry) => entry.isDirectory() && readdirSync(join(repoRoot, group, entry.name)).includes('project.json'),
        )
        .map((entry) => join(group, entry.name));
    const libs = projectsUnder('libs');
    expect(libs).toContain('libs/messaging');
    for (const dir of libs) {
      expect({ dir, types: types(dir) }).toEqual({
        dir,
        types: [expect.stringMatching(/^type:(contracts|infra|logging)$/)],
      });
    }
    for (const dir of [...projectsUnder('tools'), 'infra']) {
      expect({ dir, library: types(dir).filter((t) => libraryTags.includes(t)) }).toEqual({ dir, library: [] });
    }
  });

  it('lets the browser journeys use the test harness', async () => {
    const errors = await boundaryErrors(
      'services/web/e2e/probe.ts',
      "import { startPlatform } from '@partner-portal/testing';\nexport const probe = startPlatform;\n",
    );
    expect(errors).toEqual([]);
  });

  it('accepts a dependency the tags allow', async () => {
    const errors = await boundaryErrors(
      'libs/messaging/src/probe.ts',
      "import { Topics } from '@partner-portal/contracts';\nexport const probe = Topics;\n",
    );
    expect(errors).toEqual([]);
  });
});
