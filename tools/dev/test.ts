// `npm test`: type-check, lint (with the Nx module boundaries), formatting, the build (saga tests run other services
// from it), then every jest project against the real Kafka and PostgreSQL (the jest global setup finds or starts
// them). `--jest-only` skips the static checks;
// any other argument goes to jest (e.g. `npm test -- --selectProjects messaging`).
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bin, runStep } from './run-step';

const root = join(__dirname, '..', '..');
const resultsFile = join(root, '.local', 'test-results', 'jest.json');

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const jestOnly = args.includes('--jest-only');
  const jestArgs = args.filter((a) => a !== '--jest-only');
  const node = process.execPath;
  const env = { ...process.env, NX_DAEMON: 'false' };
  rmSync(resultsFile, { force: true });
  mkdirSync(join(root, '.local', 'test-results'), { recursive: true });

  if (!jestOnly) {
    const checks: Array<[string, string[]]> = [
      ['typecheck', [bin('tsc'), '-p', 'tsconfig.json']],
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
  const nodeOptions = `${process.env.NODE_OPTIONS ?? ''} --conditions=development`.trim();
  return runStep(
    'jest',
    node,
    [bin('jest'), '--ci', '--maxWorkers=2', '--json', `--outputFile=${resultsFile}`, ...jestArgs],
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
