import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';

const NODE_GYP_BUILD_STUB = fileURLToPath(new URL('./node-gyp-build.stub.ts', import.meta.url));

/** Native-addon loaders that may be redirected to an embedded addon: the importing package → the stub. */
const ADDON_LOADER_IMPORTERS: readonly string[] = ['/node_modules/@serialport/bindings-cpp/'];

/**
 * `node-gyp-build` looks for a `.node` file beside the package on disk, which the single binary
 * does not have. serialport's call is routed to the embedded addon; any other package loading an
 * addon this way fails the build, so a new native dependency is embedded on purpose, not found
 * missing on a store's box.
 */
export const embeddedAddonsPlugin: Plugin = {
  name: 'storebox-embedded-addons',
  setup(build) {
    build.onResolve({ filter: /^node-gyp-build$/ }, (args) => {
      if (ADDON_LOADER_IMPORTERS.some((p) => args.importer.includes(p))) return { path: NODE_GYP_BUILD_STUB };
      return {
        errors: [
          {
            text: `${args.importer} loads a native addon through node-gyp-build: embed it (scripts/sea/sea-assets.ts, embedded-addon.ts) and route it in sea-plugins.ts`,
          },
        ],
      };
    });
  },
};

/** Optional dependencies that are not installed; their users fall back when require throws. */
const ABSENT_OPTIONAL_MODULES = ['bufferutil', 'utf-8-validate', 'supports-color'];

/**
 * Resolves the absent optional modules to a module that throws MODULE_NOT_FOUND, as a missing
 * package would (ws and debug catch it). Left unresolved, the SEA's require (built-ins only)
 * would warn about each one at run time.
 */
export const absentOptionalModulesPlugin: Plugin = {
  name: 'storebox-absent-optional-modules',
  setup(build) {
    const filter = new RegExp(`^(${ABSENT_OPTIONAL_MODULES.join('|')})$`);
    build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'absent-optional' }));
    build.onLoad({ filter: /.*/, namespace: 'absent-optional' }, (args) => ({
      contents: `throw Object.assign(new Error(${JSON.stringify(`${args.path} is not included in the single binary`)}), { code: 'MODULE_NOT_FOUND' });`,
      loader: 'js',
    }));
  },
};
