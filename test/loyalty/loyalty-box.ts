import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../server/runtime/clock.ts';
import { startTestBox, type TestBox } from '../support/test-box.ts';

/** A clock the test moves: starts on a Tuesday morning in Shanghai, outside the evening double-points window. */
export class TestClock implements Clock {
  private ms: number;
  constructor(iso = '2025-06-10T10:00:00+08:00') {
    this.ms = Date.parse(iso);
  }
  now(): Date {
    return new Date(this.ms);
  }
  advanceDays(days: number): void {
    this.ms += days * 86_400_000;
  }
}

/** The real box (demo store, members seeded) on ephemeral ports with a test clock; same API as startTestBox. */
export async function startLoyaltyBox(clock = new TestClock()): Promise<TestBox & { clock: TestClock }> {
  const box = await startTestBox({}, mkdtempSync(join(tmpdir(), 'storebox-loyalty-')), clock);
  return Object.assign(box, { clock });
}

/** A barcode of the demo product with this Chinese name. */
export function barcodeOf(tb: TestBox, nameZh: string): string {
  const p = tb.box.ctx.repos.products.all().find((x) => x.names.zh === nameZh);
  if (!p) throw new Error(`no demo product ${nameZh}`);
  return p.barcodes[0];
}
