import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * The page is plain TypeScript and CSS. The server serves `web/dist` at `/` under a strict
 * Content-Security-Policy (`script-src 'self'`), so the build must emit no inline script:
 * the module-preload polyfill is the only thing Vite would inline, and it is turned off.
 */
export default defineConfig({
  root: webRoot,
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    // Keep the stylesheet a file (never inlined into the HTML) so the CSP never has to allow it.
    assetsInlineLimit: 0,
  },
  server: {
    // During development `vite` proxies the API and the socket to a running Rapport server.
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/healthz': 'http://127.0.0.1:3000',
      '/ws': { target: 'ws://127.0.0.1:3000', ws: true },
    },
  },
});
