import { ADDON_ASSETS, loadEmbeddedAddon } from './embedded-addon.ts';

/**
 * Stands in for `node-gyp-build` in the single binary: @serialport/bindings-cpp calls
 * `nodeGypBuild(packageDir)` to find its prebuilt addon on disk; here it is embedded instead.
 * The bundler routes only serialport's import here (sea-plugins.ts refuses any other importer).
 */
export default function nodeGypBuild(): object {
  return loadEmbeddedAddon(ADDON_ASSETS.serialport);
}
