#!/usr/bin/env node
// Entry of every npm script that needs the workspace installed: checks Node, installs the locked npm packages
// when they are missing or stale (npm ci), then runs the given TypeScript entry point with tsx.
// It has no dependencies of its own, because it runs before anything is installed.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const [entry, ...args] = process.argv.slice(2);

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(
    `Node.js 20.19+ is needed (found ${process.version}); install it from https://nodejs.org or your package manager.`,
  );
  process.exit(1);
}

const lockFile = join(root, 'package-lock.json');
const stampFile = join(root, 'node_modules', '.partner-portal-install');
const lockHash = createHash('sha256').update(readFileSync(lockFile)).digest('hex');
if (!existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== lockHash) {
  console.log('[setup] installing npm packages (npm ci) ...');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  let result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], {
    cwd: root,
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
    result = spawnSync(npm, ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
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
const child = spawn(process.execPath, ['--conditions=development', '--import', 'tsx', join(root, entry), ...args], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  process.exit(signal ? 128 + (constants.signals[signal] ?? 1) : (code ?? 1));
});
