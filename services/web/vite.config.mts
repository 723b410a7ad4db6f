// The web app's build (static files into dist/, served by the gateway) and the development server (`npm run dev:web`),
// which proxies the API to a running `npm start`.
import griffel from '@griffel/vite-plugin';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3100';

export default defineConfig(({ command }) => ({
  root: __dirname,
  // Griffel's ahead-of-time pass turns makeStyles into prebuilt classes, so no CSS compiler ships to the browser.
  plugins: [react(), command === 'build' && griffel()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // bench/src/web-first-page.ts measures each area's JavaScript from it.
    manifest: true,
    // Each area is its own chunk, so a partner never downloads the administrator's pages.
    chunkSizeWarningLimit: 800,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: { '/api': gateway },
  },
}));
