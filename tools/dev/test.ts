// `npm test`: type-check (the services and the web app), lint (with the Nx module boundaries), formatting, the build
// (saga tests run other services from it; the browser tests open the web app the gateway serves from its build),
// Chromium for the browser tests, then every jest project against the real Kafka and PostgreSQL (the jest global
// setup finds or starts them). `--jest-only` skips the static checks;
// `--faults` runs the whole fault suite (tools/faults, slow tests too); with PP_FAULTS=all, `npm test` runs it all too;
// any other argument goes to jest (e.g. `npm test -- --selectProjects messaging`).
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildWebApp, ensureChromium } from '@partner-portal/infra';
import { bin, runStep } from './run-step';

const root = join(__dirname, '..', '..');
const resultsFile = join(root, '.local', 'test-results', 'jest.json');

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  // `--faults` (npm run test:faults): the whole fault suite, slow tests included, after the build.
  const faults = args.includes('--faults');
  const jestOnly = faults || args.includes('--jest-only');
  const jestArgs = args.filter((a) => a !== '--jest-only' && a !== '--faults');
  if (faults) jestArgs.push('--selectProjects', 'faults');
  const node = process.execPath;
  const env = { ...process.env, NX_DAEMON: 'false', ...(faults ? { PP_FAULTS: 'all' } : {}) };
  rmSync(resultsFile, { force: true });
  rmSync(join(root, '.local', 'test-results', 'faults.jsonl'), { force: true });
  mkdirSync(join(root, '.local', 'test-results'), { recursive: true });

  if (!jestOnly) {
    const checks: Array<[string, string[]]> = [
      ['typecheck', [bin('tsc'), '-p', 'tsconfig.json']],
      ['typecheck-web', [bin('tsc'), '-p', 'services/web/tsconfig.json']],
      // The module-boundary rule reads Nx's project graph; computing it first makes sure it is current.
      ['project-graph', [bin('nx'), 'show', 'projects']],
      ['lint', [bin('eslint'), '.', '--max-warnings', '0']],
      ['format', [bin('prettier'), '--check', '.', '--log-level', 'warn']],
    ];
    for (const [label, command] of checks) {
      const code = await runStep(label, node, command, env);
      if (code !== 0) return code;
    }
  }
  // Tests that run other services as processes start them from their build.
  const built = await runStep('build', node, [bin('tsc'), '-b', 'tsconfig.build.json'], env);
  if (built !== 0) return built;
  const say = (line: string) => process.stdout.write(`[build-web] ${line}\n`);
  say(`${await buildWebApp(say)}`);
  process.stdout.write(`[chromium] ${ensureChromium((line) => process.stdout.write(`[chromium] ${line}\n`))}\n`);
  // Two workers unless told otherwise (`-i` runs one file at a time, for heavy tests on a busy machine).
  const workers = jestArgs.some((a) => /^(-i|--runInBand|-w|--maxWorkers)/.test(a)) ? [] : ['--maxWorkers=2'];
  const nodeOptions = `${process.env.NODE_OPTIONS ?? ''} --conditions=development`.trim();
  return runStep(
    'jest',
    node,
    [bin('jest'), '--ci', ...workers, '--json', `--outputFile=${resultsFile}`, ...jestArgs],
    { ...env, NODE_OPTIONS: nodeOptions },
  );
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
