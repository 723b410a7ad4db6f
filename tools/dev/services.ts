import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** How `npm start` runs one service, read from the `portal` field of its package.json. */
export interface ServiceManifest {
  name: string;
  dir: string;
  /** HTTP port. */
  port: number;
  /** Its own database, when it has one. */
  database?: string;
  /** Compiled entry point, relative to the service folder. */
  main: string;
}

/** Every service process under services/, in name order; static apps (`"portal": { "static": true }`, the web app) are served by the gateway, not run. */
export function discoverServices(root: string): ServiceManifest[] {
  const servicesDir = join(root, 'services');
  if (!existsSync(servicesDir)) return [];
  return readdirSync(servicesDir)
    .filter((name) => existsSync(join(servicesDir, name, 'package.json')))
    .sort()
    .map((name) => ({ name, manifest: JSON.parse(readFileSync(join(servicesDir, name, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => !manifest.portal?.static)
    .map(({ name, manifest }) => {
      const dir = join(servicesDir, name);
      if (!manifest.portal?.port) throw new Error(`services/${name}/package.json needs "portal": { "port": ... }`);
      return {
        name,
        dir,
        port: manifest.portal.port,
        database: manifest.portal.database,
        main: manifest.main ?? 'dist/main.js',
      };
    });
}
