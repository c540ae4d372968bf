import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import pino from 'pino';
import { addDays, storeLocalTime } from '../../server/app/store-time.ts';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import { startBox } from '../../server/main.ts';
import { launchChromium } from '../../test/console/chromium.ts';
import { testConfig } from '../../test/support/test-box.ts';
import { ensureConsoleBuilt } from '../console-build.ts';
import { percentile, round, type BenchResult } from './bench-result.ts';

/** a year of a busy store; BENCH_CONSOLE_SALES makes it smaller for a quick try */
const SALES = Number(process.env.BENCH_CONSOLE_SALES ?? 500_000);
const DAYS = 365;
const RUNS = 5;

const REPO_ROOT = join(import.meta.dirname, '../..');

/** gzip -9 size of every script the console's index.html loads (its entry and the chunks it preloads) */
function consoleJsGzipBytes(): number {
  const dist = join(REPO_ROOT, 'console/dist');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/console\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  return files.reduce((n, f) => n + gzipSync(readFileSync(join(dist, f)), { level: 9 }).length, 0);
}

/**
 * The manager console on a box holding a year of a busy store (~500,000 sales, seeded straight into SQLite):
 * the dashboard API, the dashboard's first paint in Chromium, a report over the whole year, and the console's
 * JS compressed. Targets from issue #12: first paint ≤ 1 s, a year's report ≤ 2 s, JS ≤ 400 KB compressed.
 */
export default async function (): Promise<BenchResult[]> {
  await ensureConsoleBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'storebox-bench-console-'));
  const box = await startBox(testConfig(dataDir), pino({ level: 'silent' }));
  const browser = await launchChromium();
  try {
    const { db } = box.ctx;
    const today = storeLocalTime(new Date(), 'Asia/Shanghai').date;
    const products = demoProducts();
    // deterministic synthetic sales (LCG, Numerical Recipes constants)
    let s = 20261202;
    const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const seed0 = performance.now();
    const sale = db.prepare(
      `INSERT INTO sale (id, store_id, lane_id, lane_seq, receipt_no, cashier, member_id, business_date, completed_at, gross_fen,
         discount_fen, due_fen, tax_fen, tendered_fen, change_fen, content_sha256, priced, receipt)
       VALUES (?, 'S001', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)`,
    );
    const line = db.prepare(
      `INSERT INTO sale_line (sale_id, line_no, line_id, sku, name_zh, category_path, unit, quantity, unit_price_fen, gross_fen,
         discount_fen, net_fen, tax_rate_bp, tax_fen, points_multiplier_bp) VALUES (?, ?, ?, ?, ?, ?, 'each', ?, ?, ?, ?, ?, 0, 0, 10000)`,
    );
    const share = db.prepare(
      `INSERT INTO sale_line_discount (sale_id, line_no, seq, stage, source_kind, source_id, amount_fen)
       VALUES (?, ?, 1, 'basket', 'promotion', 'spend-200-save-30', ?)`,
    );
    const tender = db.prepare(
      `INSERT INTO tender (id, sale_id, seq, kind, amount_fen, status, created_at) VALUES (?, ?, 1, ?, ?, 'succeeded', ?)`,
    );
    const lanes = ['L01', 'L02', 'L03'];
    const cashiers = ['cashier1', 'cashier2', 'cashier3'];
    const kinds = ['cash', 'wechat', 'alipay', 'card', 'unionpay'];
    const seqs = [0, 0, 0];
    // the stored basket and receipt are kilobytes in a real sale: what the covering indexes keep the reports from reading
    const priced = JSON.stringify({
      lines: Array.from({ length: 6 }, (_, i) => ({ i, text: '鲁花花生油 5L 第二件半价' })),
    });
    const receipt = JSON.stringify({
      header: '演示门店 欢迎光临',
      lines: Array.from({ length: 8 }, () => '金龙鱼东北大米 5kg  ¥49.90'),
    });
    db.transaction(() => {
      for (let i = 0; i < SALES; i++) {
        const day = addDays(today, -Math.floor((i / SALES) * DAYS));
        const lane = Math.floor(next() * 3);
        const laneSeq = ++seqs[lane];
        // 08:00–22:00 store time (UTC+8)
        const minute = 480 + Math.floor(next() * 840);
        const at = new Date(
          Date.parse(`${day}T00:00:00+08:00`) + minute * 60_000 + Math.floor(next() * 60_000),
        ).toISOString();
        const id = `bench-${i}`;
        const n = 1 + Math.floor(next() * 4);
        let gross = 0;
        let discount = 0;
        const rows: Array<[number, (typeof products)[number], number, number, number]> = [];
        for (let l = 1; l <= n; l++) {
          const p = products[Math.floor(next() * products.length)];
          const qty = p.unit === 'kg' ? 1 : 1 + Math.floor(next() * 3);
          const g = p.priceFen * qty;
          const d = next() < 0.2 ? Math.floor(g * 0.1) : 0;
          gross += g;
          discount += d;
          rows.push([l, p, qty, g, d]);
        }
        const due = gross - discount;
        const kind = kinds[Math.floor(next() * kinds.length)];
        const change = kind === 'cash' ? Math.floor(next() * 1000) : 0;
        const member = next() < 0.4 ? `S001-${1 + Math.floor(next() * 50_000)}` : null;
        sale.run(
          id,
          lanes[lane],
          laneSeq,
          `S001-${lanes[lane]}-B${String(laneSeq).padStart(8, '0')}`,
          cashiers[lane],
          member,
          day,
          at,
          gross,
          discount,
          due,
          due + change,
          change,
          createHash('sha256').update(id).digest('hex'),
          priced,
          receipt,
        );
        for (const [l, p, qty, g, d] of rows) {
          line.run(id, l, `${id}-${l}`, p.sku, p.names.zh, p.categoryPath, qty, p.priceFen, g, d, g - d);
          if (d > 0) share.run(id, l, d);
        }
        if (due > 0) tender.run(`${id}-t`, id, kind, due + change, at);
      }
    })();
    // the per-day item totals the sale effect keeps, filled the way migration 0017 fills them for existing sales
    db.exec(`INSERT INTO sale_day_item (business_date, sku, name_zh, category_path, lines, quantity, net_fen)
      SELECT s.business_date, l.sku, max(l.name_zh), max(l.category_path), count(*), sum(l.quantity), sum(l.net_fen)
      FROM sale s JOIN sale_line l ON l.sale_id = s.id GROUP BY s.business_date, l.sku`);
    db.exec(`INSERT INTO sale_day_tender (business_date, kind, sales, amount_fen)
      SELECT business_date, kind, count(*), sum(amount) - CASE kind WHEN 'cash' THEN sum(change_fen) ELSE 0 END
      FROM (SELECT s.business_date, t.kind, s.change_fen, sum(t.amount_fen) AS amount FROM sale s JOIN tender t ON t.sale_id = s.id
            WHERE t.status = 'succeeded' GROUP BY s.id, t.kind)
      GROUP BY business_date, kind`);
    db.exec(`INSERT INTO sale_day_discount (business_date, source, sales, amount_fen)
      SELECT business_date, source, count(*), sum(amount)
      FROM (SELECT s.business_date, d.source_kind || ':' || d.source_id AS source, sum(d.amount_fen) AS amount
            FROM sale s JOIN sale_line_discount d ON d.sale_id = s.id GROUP BY s.id, source)
      GROUP BY business_date, source`);
    db.exec('ANALYZE');
    const seedS = (performance.now() - seed0) / 1000;

    const base = `http://127.0.0.1:${box.http.port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'manager1', password: 'manager1pass' }),
    });
    const token = ((await login.json()) as { data: { token: string } }).data.token;
    const timed = async (path: string) => {
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        const r = await fetch(base + path, { headers: { authorization: `Bearer ${token}` } });
        const body = (await r.json()) as { ok: boolean };
        if (!body.ok) throw new Error(`${path} failed: ${JSON.stringify(body)}`);
        samples.push(performance.now() - t0);
      }
      return percentile(samples, 50);
    };
    const dashboardMs = await timed('/api/v1/dashboard');
    const yearMs = await timed(`/api/v1/reports?from=${addDays(today, -(DAYS - 1))}&to=${today}`);

    // first paint: a signed-in manager opens the console; until the figures and the hourly chart are drawn
    const context = await browser.newContext({
      baseURL: base,
      locale: 'zh-CN',
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    await page.goto('/console/');
    await page.fill('#login-username', 'manager1');
    await page.fill('#login-password', 'manager1pass');
    await page.click('#login-form button[type=submit]');
    await page.locator('#dash-hourly canvas').first().waitFor({ timeout: 60_000 });
    const paints: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await page.reload();
      await page.locator('#dash-hourly canvas').first().waitFor({ timeout: 60_000 });
      paints.push(performance.now() - t0);
    }
    const paintMs = percentile(paints, 50);
    const jsKb = consoleJsGzipBytes() / 1024;
    const sales = (db.prepare('SELECT count(*) AS n FROM sale').get() as { n: number }).n;
    return [
      {
        name: `console: sales in the box (seeded in ${round(seedS, 1)} s)`,
        value: sales,
        unit: 'sales',
        target: '≈ 500,000',
        ok: sales >= SALES,
      },
      {
        name: 'console: dashboard API, median of 5',
        value: round(dashboardMs, 1),
        unit: 'ms',
        target: '≤ 1000 ms',
        ok: dashboardMs <= 1000,
      },
      {
        name: 'console: dashboard first paint in Chromium (reload → figures and chart drawn), median of 5',
        value: round(paintMs, 1),
        unit: 'ms',
        target: '≤ 1000 ms',
        ok: paintMs <= 1000,
      },
      {
        name: `console: report over a year (${DAYS} days), median of 5`,
        value: round(yearMs, 1),
        unit: 'ms',
        target: '≤ 2000 ms',
        ok: yearMs <= 2000,
      },
      {
        name: "console: the console page's JS, gzip -9",
        value: round(jsKb, 1),
        unit: 'KB',
        target: '≤ 400 KB',
        ok: jsKb <= 400,
      },
    ];
  } finally {
    await browser.close();
    await box.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
