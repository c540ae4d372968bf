import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/box-process.ts';

const bin = (name: string) => join(REPO_ROOT, 'node_modules', '.bin', name);

/** Runs a checker; returns its exit status and what it printed (the checkers print to stdout). */
function run(cmd: string, args: string[], cwd: string): { status: number; out: string } {
  try {
    return { status: 0, out: execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: 'pipe' }) };
  } catch (e) {
    const x = e as { status: number; stdout: string; stderr: string };
    return { status: x.status, out: `${x.stdout}${x.stderr}` };
  }
}

/** A tree with the repository's checker configs and a few files that each break one rule. */
function probeTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'storebox-layers-'));
  for (const f of ['.dependency-cruiser.cjs', '.oxlintrc.json', 'tsconfig.json', 'scripts/lint/purity-plugin.js'])
    cpSync(join(REPO_ROOT, f), join(dir, f));
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('the layer rule (docs/architecture.md) is checked by tools, not by text patterns', () => {
  it('the repository passes the import-graph check and the purity lint', () => {
    const graph = run(
      'node',
      [
        bin('depcruise'),
        'server',
        'devices',
        'console/src',
        'scripts',
        '--config',
        '.dependency-cruiser.cjs',
        '--output-type',
        'err',
      ],
      REPO_ROOT,
    );
    expect(graph.out).toContain('no dependency violations found');
    expect(graph.status).toBe(0);
    const lint = run(bin('oxlint'), [], REPO_ROOT);
    expect(lint.out).toContain('0 errors');
    expect(lint.status).toBe(0);
  });

  it('each rule catches the import or call it forbids', () => {
    const dir = probeTree({
      'server/core/probe/clock.ts': [
        "import { readFileSync } from 'node:fs';",
        "import { Repo } from '../../adapters/sqlite/repo.ts';",
        "import { useCase } from '../../app/use-case.ts';",
        "import { Wire } from '../../contracts/wire.ts';",
        'export const a = [readFileSync, Repo, useCase, Wire];',
        'export const b = Date.now() + performance.now() + Math.random();',
        'export const c = new Date();',
        'export const d = crypto.randomUUID();',
        "export const e = () => import('../../adapters/sqlite/repo.ts');",
      ].join('\n'),
      'server/core/probe/fine.ts': 'export const ok = new Date(0).toISOString();',
      'server/adapters/sqlite/repo.ts': 'export class Repo {}',
      'server/app/use-case.ts': "import { Repo } from '../adapters/sqlite/repo.ts';\nexport const useCase = Repo;",
      'server/runtime/service.ts': "import { Repo } from '../adapters/sqlite/repo.ts';\nexport const s = Repo;",
      'server/contracts/wire.ts': "import { useCase } from '../app/use-case.ts';\nexport const Wire = useCase;",
      'server/features/probe.feature.ts': 'export const feature = 1;',
      'server/adapters/http/uses-feature.ts':
        "import { feature } from '../../features/probe.feature.ts';\nexport const f = feature;",
      'devices/agent/agent.ts': "import { Repo } from '../../server/adapters/sqlite/repo.ts';\nexport const a = Repo;",
      'console/src/page.ts': "import { useCase } from '../../server/app/use-case.ts';\nexport const p = useCase;",
    });
    try {
      const graph = run(
        'node',
        [
          bin('depcruise'),
          'server',
          'devices',
          'console/src',
          '--config',
          '.dependency-cruiser.cjs',
          '--output-type',
          'err',
        ],
        dir,
      );
      expect(graph.status).not.toBe(0);
      for (const rule of [
        'core-is-pure',
        'app-no-adapters',
        'runtime-no-adapters',
        'contracts-no-logic-layers',
        'devices-no-server-internals',
        'console-no-server-internals',
        'features-are-composition',
      ])
        expect(graph.out, rule).toContain(rule);
      expect(graph.out).toContain('server/core/probe/clock.ts → fs');
      const lint = run(bin('oxlint'), [], dir);
      expect(lint.status).not.toBe(0);
      for (const what of [
        'Date.now',
        'Math.random',
        'performance',
        'crypto',
        '`new Date()` reads the clock',
        'dynamic import()',
      ])
        expect(lint.out, what).toContain(what);
      expect(lint.out).not.toContain('fine.ts');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
