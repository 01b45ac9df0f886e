/**
 * Builds the web app (web/) into dist/web, which the server serves (src/http/web-app.ts).
 * Every script and stylesheet is an external, hashed file under /assets/, so the page CSP needs no
 * 'unsafe-inline' and assets can be cached for a year.
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'web',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    assetsDir: 'assets',
    // Never inline assets as data: URLs into scripts or CSS; the CSP allows data: only for images.
    assetsInlineLimit: 0,
    sourcemap: false,
    target: 'es2022',
    reportCompressedSize: false,
  },
  server: {
    // `npm run dev:web`: the app on Vite's dev server, the API from a running `npm run dev`.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
