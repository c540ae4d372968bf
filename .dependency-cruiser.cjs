/** The layer rule (docs/architecture.md). `npm test` runs this; a violation fails the build. */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      severity: 'error',
      comment: 'core imports nothing outside core (no node:*, packages, adapters, app, runtime, contracts, devices)',
      from: { path: '^server/core/' },
      to: { pathNot: '^server/core/' },
    },
    { name: 'app-no-adapters', severity: 'error', from: { path: '^server/app/' }, to: { path: '^server/adapters/' } },
    {
      name: 'runtime-no-adapters',
      severity: 'error',
      from: { path: '^server/runtime/' },
      to: { path: '^server/adapters/' },
    },
    {
      name: 'contracts-no-logic-layers',
      severity: 'error',
      from: { path: '^server/contracts/' },
      to: { path: '^server/(app|adapters|runtime|core)/' },
    },
    {
      name: 'devices-no-server-internals',
      severity: 'error',
      from: { path: '^devices/' },
      to: { path: '^server/(app|adapters|runtime)/' },
    },
    {
      name: 'console-no-server-internals',
      severity: 'error',
      from: { path: '^console/' },
      to: { path: '^server/(app|adapters|runtime)/' },
    },
    {
      name: 'features-are-composition',
      severity: 'error',
      comment:
        'server/features/ wires app to adapters; only main.ts (and the CLI, scripts and tests through it) builds on it',
      from: { path: '^(server/(core|app|contracts|adapters|runtime)|devices|console)/' },
      to: { path: '^server/features/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(\\.test\\.ts$|^test/)' },
    tsPreCompilationDeps: true,
    parser: 'swc',
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
