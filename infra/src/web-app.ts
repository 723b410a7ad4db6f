import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { repoRoot } from './paths';
import { PrerequisiteError, run } from './process-tools';

/** The web app's project folder and its build (static files the gateway serves with WEB_APP_DIR). */
export const webAppDir = join(repoRoot, 'services', 'web');
export const webAppDist = join(webAppDir, 'dist');

/** What the build depends on: the app's sources, its page, its config and the locked packages. */
function sourcesHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else hash.update(relative(webAppDir, path)).update(readFileSync(path));
    }
  };
  walk(join(webAppDir, 'src'));
  walk(join(webAppDir, 'public'));
  for (const file of ['index.html', 'vite.config.mts', 'package.json'])
    hash.update(readFileSync(join(webAppDir, file)));
  hash.update(readFileSync(join(repoRoot, 'package-lock.json')));
  return hash.digest('hex');
}

/**
 * Builds the web app with Vite into services/web/dist, unless the build there was made from the same sources.
 * Resolves with what it did; rejects with Vite's output when the build fails.
 */
export async function buildWebApp(log: (line: string) => void = () => undefined): Promise<'built' | 'current'> {
  const stamp = join(webAppDist, '.sources-hash');
  const wanted = sourcesHash();
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted && existsSync(join(webAppDist, 'index.html'))) {
    return 'current';
  }
  log('building the web app (Vite) ...');
  const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const output: string[] = [];
  const code = await new Promise<number>((resolve) => {
    const child = spawn(
      process.execPath,
      [vite, 'build', '--config', join(webAppDir, 'vite.config.mts'), '--logLevel', 'warn'],
      {
        cwd: webAppDir,
        env: { ...process.env, NODE_ENV: 'production' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout.on('data', (chunk) => output.push(String(chunk)));
    child.stderr.on('data', (chunk) => output.push(String(chunk)));
    child.on('exit', (status) => resolve(status ?? 1));
  });
  if (code !== 0) throw new Error(`the web app's build failed:\n${output.join('').slice(-6_000)}`);
  writeFileSync(stamp, wanted);
  return 'built';
}

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/**
 * The Chromium the browser tests drive (Debian's package; test tools may not download browsers here). When it is
 * missing and this process may install packages (root with apt-get), installs Debian's `chromium`, as the setup
 * fetches the Kafka jars; otherwise says what to install.
 */
export function ensureChromium(log: (line: string) => void = () => undefined): string {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured)) throw new PrerequisiteError(`CHROMIUM_PATH=${configured} does not exist`);
    return configured;
  }
  const found = CHROMIUM_CANDIDATES.find((path) => existsSync(path));
  if (found) return found;
  const canInstall = process.getuid?.() === 0 && !run('apt-get', ['--version']).missing;
  if (!canInstall) {
    throw new PrerequisiteError(
      'The browser tests need Chromium. Install it (Debian/Ubuntu: sudo apt-get install chromium), ' +
        'or set CHROMIUM_PATH to a Chromium or Chrome executable.',
    );
  }
  log("installing Debian's chromium for the browser tests (apt-get install chromium) ...");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { env });
  let result = install();
  if (!result.ok) {
    // A fresh machine may not have the package lists yet.
    run('apt-get', ['update'], { env });
    result = install();
  }
  const installed = CHROMIUM_CANDIDATES.find((path) => existsSync(path));
  if (!installed) {
    throw new PrerequisiteError(
      `installing chromium failed; install it by hand (apt-get install chromium):\n${result.output.slice(-2_000)}`,
    );
  }
  return installed;
}

/** The generated API types of the web app, from the gateway's OpenAPI document (`npm run generate:api`). */
export const webApiSchemaFile = join(webAppDir, 'src', 'api', 'schema.d.ts');

/**
 * Writes the web app's API types to `target`: the gateway's OpenAPI document, printed from its build without a
 * running system (services/gateway/dist/docs/print-openapi.js), through openapi-typescript.
 */
export function writeApiSchema(target = webApiSchemaFile): void {
  const printer = join(repoRoot, 'services', 'gateway', 'dist', 'docs', 'print-openapi.js');
  if (!existsSync(printer)) throw new Error(`${printer} is missing: build first (npm run build)`);
  // The build, not the sources: a test run's `--conditions=development` would point the libraries at TypeScript.
  const nodeOptions = (process.env.NODE_OPTIONS ?? '').replace(/--conditions[= ]development/g, '').trim();
  const printed = run(process.execPath, [printer], {
    cwd: repoRoot,
    env: { ...process.env, NODE_OPTIONS: nodeOptions },
  });
  if (!printed.ok) throw new Error(`printing the OpenAPI document failed:\n${printed.output.slice(-4_000)}`);
  const documentFile = `${target}.openapi.json`;
  writeFileSync(documentFile, printed.output.slice(printed.output.indexOf('{')));
  const cli = join(
    dirname(require.resolve('openapi-typescript/package.json', { paths: [webAppDir] })),
    'bin',
    'cli.js',
  );
  const generated = run(process.execPath, [cli, documentFile, '--output', target, '--alphabetize'], { cwd: repoRoot });
  rmSync(documentFile, { force: true });
  if (!generated.ok) throw new Error(`openapi-typescript failed:\n${generated.output.slice(-4_000)}`);
}
