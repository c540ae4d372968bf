import { parseArgs } from 'node:util';
import { runFuzz, type FuzzMode } from './fuzz/run-fuzz.ts';

/**
 * The fuzz suite (docs/fuzz.md): `node scripts/chaos/fuzz.ts --quick|--full [--seed N] [--only a,b]`.
 * Prints the inputs tried per target with crashes, 5xx, replies outside the envelope and half-writes;
 * exits 1 if any of them is not zero. A failing run is replayed with the seed it printed.
 */
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    full: { type: 'boolean' },
    seed: { type: 'string' },
    only: { type: 'string' },
    scale: { type: 'string' },
  },
});
const mode: FuzzMode = values.full ? 'full' : 'quick';
const seed = values.seed !== undefined ? Number(values.seed) : Date.now() % 2_147_483_647;
if (!Number.isSafeInteger(seed)) throw new Error(`--seed must be an integer, not ${values.seed}`);
const result = await runFuzz({
  mode,
  seed,
  only: values.only?.split(',').filter(Boolean),
  scale: values.scale ? Number(values.scale) : undefined,
  progress: (line) => process.stderr.write(`${line}\n`),
});
process.stdout.write(`${result.report}\n`);
process.exit(result.failures === 0 ? 0 : 1);
