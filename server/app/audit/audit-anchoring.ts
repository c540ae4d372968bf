import { AUDIT_ANCHOR_TOPIC } from '../../contracts/uplink/audit-anchor.schema.ts';
import type { Service } from '../../runtime/service.ts';
import type { AuditAnchorStore } from '../ports/audit-anchor-store.port.ts';
import type { StoreContext } from '../store-context.ts';

export const ANCHOR_INTERVAL_MS = 3_600_000;

/**
 * Anchors the audit chain outside its table (docs/audit.md): at start and at stop when the chain grew,
 * and at least hourly by the clock, it writes {count, headHash, at} into audit_anchor and into the
 * outbox as `audit.anchor`, in one transaction, so HQ holds a copy nobody on the box can take back.
 * `storebox audit verify` then notices deleted last rows or a rewritten chain.
 */
export class AuditAnchoring implements Service {
  readonly name = 'audit-anchoring';
  private readonly ctx: StoreContext;
  private readonly anchors: AuditAnchorStore;
  private timer: NodeJS.Timeout | undefined;
  private lastAt = 0;

  constructor(ctx: StoreContext, anchors: AuditAnchorStore) {
    this.ctx = ctx;
    this.anchors = anchors;
  }

  async start(): Promise<void> {
    this.anchor('changed');
    // the clock decides when an hour has passed; the timer only looks once a minute
    this.timer = setInterval(() => this.tick(), 60_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.anchor('changed');
  }

  /** Writes the hourly anchor when an hour has passed on the clock since the last one. */
  tick(): void {
    if (this.ctx.clock.now().getTime() - this.lastAt >= ANCHOR_INTERVAL_MS) this.anchor('always');
  }

  private anchor(when: 'changed' | 'always'): void {
    try {
      const now = this.ctx.clock.now();
      this.ctx.tx.run(() => {
        const head = this.ctx.repos.audit.head(now.toISOString());
        const last = this.anchors.latest();
        if (when === 'changed' && last && last.count === head.count && last.headHash === head.headHash) return;
        this.anchors.record(head, 'box');
        this.ctx.repos.outbox.append(AUDIT_ANCHOR_TOPIC, head, head.at);
      });
      this.lastAt = now.getTime();
    } catch (e) {
      // one failing unit never takes the store down (STYLE.md habit 6): the next tick tries again
      this.ctx.log.error({ svc: this.name, err: e }, 'cannot write the audit anchor');
    }
  }
}
