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
    rolldownOptions: {
      input: {
        index: `${root}index.html`,
        lane: `${root}lane.html`,
        display: `${root}display.html`,
      },
    },
  },
});
