import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * One build, three pages: the manager console (index.html), the lane screen (lane.html) and the
 * customer display (display.html). The box serves console/dist under /console/ (console.routes.ts),
 * so asset URLs are built with that base.
 */
export default defineConfig({
  root,
  base: '/console/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // the box is on the LAN and the lane browser is a kiosk: no source maps to ship, no CDN
    sourcemap: false,
    // ECharts makes the console chunk ~630 KB minified; the budget that matters is ≤ 400 KB compressed for all of
    // the console's JS, which scripts/bench/console.bench.ts measures (about 210 KB gzip)
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      input: {
        index: `${root}index.html`,
        lane: `${root}lane.html`,
        display: `${root}display.html`,
      },
    },
  },
});
