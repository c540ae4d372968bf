import { readFileSync } from 'node:fs';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import { LaneClient } from '../support/lane-client.ts';
import { removeDir, startTestBox, type TestBox } from '../support/test-box.ts';
import { launchChromium } from './chromium.ts';
import { ensureConsoleBuilt } from './console-build.ts';

/** The console's 补货建议 page in real headless Chromium against the real box. */

const rice = demoProducts().find((p) => p.names.zh === '金龙鱼东北大米 5kg')!;
// the sale and the run must share a business date: near midnight in Shanghai the box's clock runs two hours
// ahead (not further: the session cookie's expiry comes from the box's clock and the browser reads it as real time)
const shanghaiHour = Number(
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(new Date()),
);
const CLOCK_AHEAD_MS = shanghaiHour === 23 || shanghaiHour === 0 ? 2 * 3_600_000 : 0;

let tb: TestBox;
let browser: Browser;

beforeAll(async () => {
  await ensureConsoleBuilt();
  [tb, browser] = await Promise.all([
    startTestBox({}, undefined, { now: () => new Date(Date.now() + CLOCK_AHEAD_MS) }),
    launchChromium(),
  ]);
  const manager = await tb.login('manager1', 'manager1pass');
  const terms = await tb.api(`/api/v1/replenishment/supply/${rice.sku}`, {
    method: 'PUT',
    token: manager,
    body: {
      supplierId: 'S-GRAIN',
      supplierName: '粮油批发',
      leadTimeDays: 3,
      packSize: 6,
      minOrder: 12,
      costFen: 3000,
    },
  });
  expect(terms.status).toBe(200);
  // four bags sold at a lane today, none received: on hand −4
  const lane = await LaneClient.login(tb.baseUrl, 'L01');
  await lane.send('cart.open');
  const scanned = await lane.send('cart.scan', { code: rice.barcodes[0]!, quantity: 4 });
  const due = scanned.data.cart!.totals.dueFen;
  await lane.send('cart.tenderCash', { amountFen: due });
  expect((await lane.send('cart.complete', { saleId: uuidv7(), expectedDueFen: due })).ok).toBe(true);
  lane.close();
});

afterAll(async () => {
  await browser?.close();
  await tb?.stop();
  if (tb) removeDir(tb.dataDir);
});

async function managerOnReplenishmentPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', baseURL: tb.baseUrl, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto('/console/#replenishment');
  await page.fill('#login-username', 'manager1');
  await page.fill('#login-password', 'manager1pass');
  await page.click('#login-form button[type=submit]');
  await page.locator('#replenishment-run').waitFor();
  return page;
}

describe('补货建议 page', () => {
  it('a manager makes the suggestions, reads why 48 bags of rice, and exports the draft order', async () => {
    const page = await managerOnReplenishmentPage();
    await expect.poll(() => page.locator('#replenishment-status').textContent()).toContain('尚未生成补货建议');
    expect(await page.locator('#replenishment-export').isHidden()).toBe(true);

    await page.click('#replenishment-run');
    const draft = page.locator('.replenishment-draft[data-supplier="S-GRAIN"]');
    await draft.waitFor();
    expect(await draft.locator('h3').textContent()).toBe('粮油批发');
    const row = draft.locator('tbody tr', { hasText: rice.sku });
    // one day of 4: level 4 a day, 3 days' lead time = 12, no spread yet so no safety stock: reorder point 12;
    // up to 12 + 7 × 4 = 40, on hand −4: 44 wanted, in packs of 6 → 48 (= 8 packs × ¥30 = ¥1440)
    expect(await row.locator('.quantity').textContent()).toBe('48');
    const why = await row.locator('.why').textContent();
    expect(why).toContain('再订货点 12');
    expect(why).toContain('现有 -4 + 在途 0');
    expect(why).toContain('按每包 6、起订 12 取整为 48');
    expect(await draft.locator('p.muted').textContent()).toContain('¥1440.00');
    await expect.poll(() => page.locator('#replenishment-status').textContent()).toContain('建议补货');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#replenishment-export a[href$="format=csv"]'),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain(`粮油批发,S-GRAIN,${rice.sku},${rice.names.zh},each,48,30.00,1440.00`);

    await page.click('button[data-flag="negative"]');
    await page.locator('#replenishment-negative').waitFor();
    expect(await page.locator('#replenishment-negative tbody tr').count()).toBe(1);
    expect(await page.locator('#replenishment-negative tbody tr td').first().textContent()).toBe(rice.sku);
  });
});
