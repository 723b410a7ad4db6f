// `npm run build:web`: the web app's static files (services/web/dist) with Vite; skipped when they are current.
import { buildWebApp, webAppDist } from '@partner-portal/infra';

buildWebApp((line) => console.log(`[build:web] ${line}`)).then(
  (outcome) => console.log(`[build:web] ${outcome === 'built' ? 'built' : 'already current'}: ${webAppDist}`),
  (error: Error) => {
    console.error(`[build:web] ${error.message}`);
    process.exit(1);
  },
);
