#!/usr/bin/env node
// Entry of every npm script that needs the workspace installed: makes sure a supported Node runs it (package.json's
// engines.node; any other Node gets config.node from the npm registry, see node-runtime.mjs), installs the locked npm
// packages when they are missing or stale (npm ci), then runs the given TypeScript entry point with tsx.
// It has no dependencies of its own, because it runs before anything is installed.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chooseNode, ensureRegistryNode, isRegistryNode, nodeEnv } from './node-runtime.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const [entry, ...args] = process.argv.slice(2);

// The Node that runs npm ci and the entry point, and the environment every process below it inherits.
let node = process.execPath;
let env = process.env;
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const range = manifest.engines.node;
const pinned = manifest.config?.node;
const choice = isRegistryNode(root, process.execPath)
  ? { use: 'current' }
  : chooseNode({ current: process.versions.node, range, pinned, mode: process.env.PP_NODE || 'auto' });
if (choice.use === 'error') {
  console.error(`[node] ${choice.message}`);
  process.exit(1);
}
if (choice.use === 'registry') {
  const fetched = ensureRegistryNode({ root, pinned, range, say: (line) => console.log(`[node] ${line}`) });
  if (fetched.error) {
    console.error(
      `[node] ${choice.reason}, and Node ${pinned} could not be fetched from the npm registry: ${fetched.error}\n` +
        `[node] Install a Node that satisfies ${range} (https://nodejs.org) and run it again.`,
    );
    process.exit(1);
  }
  console.log(`[node] ${choice.reason}; using Node ${fetched.version} from the npm registry (.local/node)`);
  node = fetched.bin;
  env = nodeEnv(process.env, fetched.bin);
}

// kafkajs 2.2.4 sets a timer of (-1 - Date.now()) ms (tulios/kafkajs#1751), which Node 24 reports once per process as
// a TimeoutNegativeWarning. The services no longer arm it at rest (libs/messaging's idle-request-queue.ts), but the
// tools' own kafkajs clients still do, once per process: npm start and npm test leave the warning out.
const quiet = '--disable-warning=TimeoutNegativeWarning';
if (!(env.NODE_OPTIONS ?? '').includes(quiet)) {
  env = { ...env, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} ${quiet}`.trim() };
}

const lockFile = join(root, 'package-lock.json');
const stampFile = join(root, 'node_modules', '.partner-portal-install');
const lockHash = createHash('sha256').update(readFileSync(lockFile)).digest('hex');
if (!existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== lockHash) {
  console.log('[setup] installing npm packages (npm ci) ...');
  // npm itself runs on the chosen Node: its directory comes first on env's PATH.
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  let result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], {
    cwd: root,
    env,
    stdio: ['inherit', 'inherit', 'pipe'],
    encoding: 'utf8',
  });
  if (
    result.status !== 0 &&
    /can only install packages when your package\.json and package-lock\.json/.test(result.stderr)
  ) {
    // A registry mirror that lacks other platforms' optional binaries (@swc/core-darwin-*, ...) leaves them out of
    // the lock file, which npm ci then calls out of sync; npm install honours the same locked versions.
    console.log(
      '[setup] npm ci refused the lock file (optional binaries of other platforms are not served here); running npm install',
    );
    result = spawnSync(npm, ['install', '--no-audit', '--no-fund'], { cwd: root, env, stdio: 'inherit' });
  } else if (result.stderr) {
    process.stderr.write(result.stderr);
  }
  if (result.status !== 0) {
    console.error('[setup] installing npm packages failed; see the output above');
    process.exit(result.status ?? 1);
  }
  writeFileSync(stampFile, lockHash);
}

if (!entry) process.exit(0);
// `development` makes the workspace libraries resolve to their TypeScript sources (see their package.json).
const child = spawn(node, ['--conditions=development', '--import', 'tsx', join(root, entry), ...args], {
  cwd: root,
  env,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  process.exit(signal ? 128 + (constants.signals[signal] ?? 1) : (code ?? 1));
});
