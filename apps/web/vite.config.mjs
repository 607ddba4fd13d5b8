import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

// The API serves these files at `/` (apps/api/src/web-app.ts); `npm run web:dev` runs this
// dev server and proxies the API, so the app talks to one origin in both cases.
const api = process.env.DACHWERK_API ?? 'http://localhost:3000';

export default defineConfig({
  root: here,
  base: '/',
  resolve: {
    alias: { '@dachwerk/formats': path.resolve(here, '../../libs/shared/formats.ts') },
  },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: path.resolve(here, '../../dist/web'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      onwarn(warning, warn) {
        // MUI marks modules 'use client' for React Server Components; meaningless here.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/transparenz': { target: api, changeOrigin: false },
      '/admin/queues': { target: api, changeOrigin: false },
    },
  },
});
