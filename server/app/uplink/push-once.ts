import type { PushApplied, PushKind, PushProblem } from '../../contracts/uplink/uplink-push.schema.ts';
import type { HqPushStore } from '../ports/hq-push-store.port.ts';
import type { Secrets } from '../ports/secrets.port.ts';
import type { Transactions } from '../ports/transactions.port.ts';

export type PushChanges = Omit<PushApplied, 'replayed'>;

/** A refused push: nothing changed; `problems` says what to fix. */
export type PushRefusal = {
  ok: false;
  code: string;
  field?: string;
  params?: Record<string, string | number>;
  problems: PushProblem[];
};
export type PushOutcome = { ok: true; value: PushApplied } | PushRefusal;

export const MAX_LISTED_PROBLEMS = 1000;

export function refused(problems: PushProblem[]): PushRefusal {
  return {
    ok: false,
    code: 'UPLINK_PUSH_REFUSED',
    params: { count: problems.length },
    problems: problems.slice(0, MAX_LISTED_PROBLEMS),
  };
}

export type PushOnceDeps = { tx: Transactions; secrets: Secrets; pushes: HqPushStore };

/**
 * Applies a push at most once per push id: the checks, the writes and the push record share one
 * transaction, so a crash leaves either all of it or none. The same id with the same content gets
 * the first answer back (`replayed`); with other content it is refused. `apply` checks everything
 * before it writes anything, and returns a refusal without writing.
 */
export function pushOnce(
  deps: PushOnceDeps,
  kind: PushKind,
  pushId: string,
  content: unknown,
  at: string,
  apply: () => { ok: true; value: PushChanges } | PushRefusal,
): PushOutcome {
  const contentSha256 = deps.secrets.sha256Hex(JSON.stringify(content));
  return deps.tx.runResult((): PushOutcome => {
    const before = deps.pushes.get(pushId);
    if (before) {
      if (before.kind === kind && before.contentSha256 === contentSha256)
        return { ok: true, value: { ...before.result, replayed: true } };
      return { ok: false, code: 'UPLINK_PUSH_CONFLICT', field: 'pushId', params: { pushId }, problems: [] };
    }
    const applied = apply();
    if (!applied.ok) return applied;
    const result: PushApplied = { ...applied.value, replayed: false };
    deps.pushes.record({ pushId, kind, contentSha256, appliedAt: at, result });
    return { ok: true, value: result };
  });
}
