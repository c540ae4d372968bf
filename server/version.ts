import pkg from '../package.json' with { type: 'json' };

/** The box's version, from package.json (inlined into the single binary by the bundler). */
export const VERSION: string = pkg.version;
