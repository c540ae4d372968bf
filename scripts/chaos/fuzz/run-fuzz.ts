import { failures, printFigures, type TargetFigures } from './figures.ts';
import { startFuzzBox } from './fuzz-box.ts';
import { fuzzDevices } from './device-target.ts';
import { fuzzHttp } from './http-target.ts';
import { fuzzLanes } from './lane-target.ts';
import { fuzzSerial } from './serial-target.ts';
import { fuzzStatements } from './statement-target.ts';

export type FuzzMode = 'quick' | 'full';

/** Inputs per target; full adds up to more than 1,000,000 (most of them into the pure parsers). */
export const BUDGETS: Record<FuzzMode, Record<string, number>> = {
  quick: { serial: 4_000, lanes: 300, devices: 150, statements: 60, http: 500 },
  // the network targets run ~20–60 inputs/s each on a loaded 2-core machine; the parsers ~20,000/s
  full: { serial: 980_000, lanes: 5_000, devices: 5_000, statements: 1_000, http: 10_000 },
};

export type FuzzOptions = {
  mode: FuzzMode;
  seed: number;
  /** run only these targets (serial, lanes, devices, statements, http) */
  only?: string[];
  /** multiply every budget (e.g. 0.1 for a shorter full run) */
  scale?: number;
  progress?: (line: string) => void;
};

export async function runFuzz(
  options: FuzzOptions,
): Promise<{ figures: TargetFigures[]; failures: number; report: string }> {
  const started = Date.now();
  const budget = (name: string) => Math.max(1, Math.round(BUDGETS[options.mode][name] * (options.scale ?? 1)));
  const wanted = (name: string) => !options.only || options.only.includes(name);
  let crashes = 0;
  const onCrash = (error: unknown) => {
    crashes++;
    options.progress?.(`uncaught in the box's process: ${(error as Error)?.stack ?? String(error)}`);
  };
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  const figures: TargetFigures[] = [];
  const box = await startFuzzBox();
  try {
    const run = async (name: string, go: () => Promise<TargetFigures>) => {
      if (!wanted(name)) return;
      const t0 = Date.now();
      const f = await go();
      f.notes.push(`${((Date.now() - t0) / 1000).toFixed(1)} s`);
      figures.push(f);
      options.progress?.(`${f.target}: ${f.inputs} inputs, ${failures(f)} failures`);
      // the box still answers after each target
      const health = await box.t.api('/healthz');
      if (health.status !== 200) {
        f.crashes++;
        f.examples.push(`crashes: /healthz answered ${health.status} after this target`);
      }
    };
    await run('serial', async () => fuzzSerial(options.seed, budget('serial'), options.progress));
    await run('lanes', () => fuzzLanes(box, options.seed, budget('lanes'), () => crashes, options.progress));
    await run('devices', () => fuzzDevices(box, options.seed, budget('devices'), () => crashes, options.progress));
    await run('statements', () =>
      fuzzStatements(box, options.seed, budget('statements'), () => crashes, options.progress),
    );
    await run('http', () => fuzzHttp(box, options.seed, budget('http'), () => crashes, options.progress));
  } finally {
    await box.stop();
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  }
  const total = figures.reduce((n, f) => n + failures(f), 0);
  return { figures, failures: total, report: printFigures(figures, options.seed, Date.now() - started) };
}
