import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

// The UI is served by the Nest app from dist/web (src/ui/serve-ui.ts): hashed assets are cached
// forever, index.html never, so every build must put content hashes in asset names.
export default defineConfig({
  root: webRoot,
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    sourcemap: false,
    // src/ui/route-preloads.ts reads it to name each route's chunks in index.html.
    manifest: true,
  },
  server: {
    proxy: Object.fromEntries(['/list', '/scrape', '/status', '/task', '/blob', '/health'].map((p) => [p, 'http://127.0.0.1:5000'])),
  },
});
