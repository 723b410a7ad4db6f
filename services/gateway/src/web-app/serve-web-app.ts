import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { static as serveStatic, type NextFunction, type Request, type Response } from 'express';
import type { GatewayConfig } from '../config/gateway.config';

/** Paths that belong to the API and the operators, never to the web app; and files (a missing one is a 404). */
const NOT_A_PAGE =
  /^\/(api|health|metrics|assets)(\/|$)|\.(js|mjs|css|map|json|txt|ico|png|svg|jpe?g|gif|webp|woff2?)$/i;

/**
 * Serves the web app's build on the gateway's origin (one URL for the person, and the API on the same origin, so
 * no CORS): hashed assets cached for a year, `index.html` never cached, and every other page address of the app
 * (`/admin/...`, `/invitations/accept?token=...`) answered with `index.html`, whose router shows the page.
 */
export function serveWebApp(app: INestApplication, config: GatewayConfig): void {
  if (!config.webAppDir) return;
  const dir = config.webAppDir;
  const indexFile = join(dir, 'index.html');
  if (!existsSync(indexFile)) {
    throw new Error(`WEB_APP_DIR=${dir} holds no index.html: build the web app first (npm run build:web)`);
  }
  app.use(
    '/assets',
    serveStatic(join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: true }),
  );
  app.use(serveStatic(dir, { index: false, maxAge: '1h', fallthrough: true }));
  app.use((request: Request, response: Response, next: NextFunction) => {
    const isPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !NOT_A_PAGE.test(request.path) &&
      (request.accepts(['html', 'json']) === 'html' || request.path === '/');
    if (!isPage) return next();
    // Read per page load (a kilobyte), so a rebuilt app is served without restarting the gateway.
    response.status(200).type('html').setHeader('cache-control', 'no-cache').send(readFileSync(indexFile));
  });
}
