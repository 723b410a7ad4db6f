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

/** Every service under services/, in name order. */
export function discoverServices(root: string): ServiceManifest[] {
  const servicesDir = join(root, 'services');
  if (!existsSync(servicesDir)) return [];
  return readdirSync(servicesDir)
    .filter((name) => existsSync(join(servicesDir, name, 'package.json')))
    .sort()
    .map((name) => {
      const dir = join(servicesDir, name);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
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
