import { join } from 'node:path';
import { spawn } from 'node:child_process';

/** Runs a command with inherited output; resolves with its exit code. */
export function runStep(
  label: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const started = Date.now();
  process.stdout.write(`\n[${label}] ${command} ${args.join(' ')}\n`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    child.on('exit', (code, signal) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`[${label}] ${code === 0 ? 'ok' : `failed (${signal ?? code})`} in ${seconds} s\n`);
      resolve(code ?? 1);
    });
  });
}

/** The entry script of a locally installed tool (node_modules/.bin holds shell shims, not scripts). */
export function bin(name: 'tsc' | 'eslint' | 'prettier' | 'jest' | 'nx'): string {
  const entries = {
    tsc: 'typescript/bin/tsc',
    eslint: 'eslint/bin/eslint.js',
    prettier: 'prettier/bin/prettier.cjs',
    jest: 'jest/bin/jest.js',
    nx: 'nx/dist/bin/nx.js',
  } as const;
  return join(__dirname, '..', '..', 'node_modules', entries[name]);
}
