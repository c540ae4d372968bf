import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'box',
          include: ['server/**/*.test.ts', 'devices/**/*.test.ts', 'test/**/*.test.ts', 'console/**/*.test.ts'],
          exclude: ['test/routes/**', '**/node_modules/**'],
        },
      },
      {
        // the route tier (test/routes, docs/architecture.md "Tests"): in-memory boxes, no sockets; one module
        // graph for all its files instead of one per file, which is most of their cost
        extends: true,
        test: { name: 'routes', include: ['test/routes/**/*.test.ts'], isolate: false },
      },
    ],
  },
});
