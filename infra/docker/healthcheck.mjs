// The image's HEALTHCHECK (and docker-compose's): asks the process for its readiness, without curl or wget, which
// the slim base image lacks. HEALTH_URL overrides everything (the identity provider has no /health routes);
// otherwise http://127.0.0.1:<PORT, or the service's default port from its package.json><HEALTH_PATH>.
import { readFileSync } from 'node:fs';

function defaultPort() {
  try {
    const manifest = JSON.parse(readFileSync(`${process.env.SERVICE_DIR}/package.json`, 'utf8'));
    return manifest.portal?.port;
  } catch {
    return undefined;
  }
}

const url =
  process.env.HEALTH_URL ??
  `http://127.0.0.1:${process.env.PORT ?? defaultPort() ?? 3000}${process.env.HEALTH_PATH ?? '/health/ready'}`;
try {
  const response = await fetch(url, { signal: AbortSignal.timeout(4_000) });
  if (!response.ok) console.error(`${url}: ${response.status} ${await response.text()}`);
  process.exit(response.ok ? 0 : 1);
} catch (error) {
  console.error(`${url}: ${error.message}`);
  process.exit(1);
}
