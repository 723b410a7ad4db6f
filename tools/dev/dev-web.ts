// `npm run dev:web`: Vite's development server for the web app (hot reload) on http://127.0.0.1:5173, calling the
// API of a running `npm start` (GATEWAY_URL, default http://127.0.0.1:3100) through its proxy.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot, webAppDir } from '@partner-portal/infra';

const vite = spawn(
  process.execPath,
  [join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js'), '--config', join(webAppDir, 'vite.config.mts')],
  {
    cwd: webAppDir,
    stdio: 'inherit',
  },
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => vite.kill(signal));
vite.on('exit', (code) => process.exit(code ?? 0));
