import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import { formatDecimalYuan, formatYuanGrouped } from '../../server/core/money/index.ts';
import { LaneClient } from '../support/lane-client.ts';
import { removeDir, startTestBox, type TestBox } from '../support/test-box.ts';
import { launchChromium } from './chromium.ts';
import { ensureConsoleBuilt } from './console-build.ts';

/**
 * The console's 首页 and 报表 in real headless Chromium against the real box. With STOREBOX_SCREENSHOTS=1 the
 * test also writes docs/screenshots/console-*.png (docs/console.md shows them).
 */

const oil = demoProducts().find((p) => p.names.zh === '鲁花花生油 5L')!; // ¥159.90
const SHOTS =
  process.env.STOREBOX_SCREENSHOTS === '1' ? join(import.meta.dirname, '../../docs/screenshots') : undefined;

let tb: TestBox;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  await ensureConsoleBuilt();
  [tb, browser] = await Promise.all([startTestBox(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await tb?.stop();
  if (tb) removeDir(tb.dataDir);
});

/**
 * A browser time zone whose calendar date differs from the store's (Asia/Shanghai) right now: UTC+14 is 6 h ahead,
 * UTC−11 is 19 h behind, so one of them is always on another day. The console must still use the store's date.
 */
function zoneOnAnotherDay(): string {
  const date = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
  return ['Pacific/Kiritimati', 'Pacific/Pago_Pago'].find((z) => date(z) !== date('Asia/Shanghai'))!;
}

async function managerPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: zoneOnAnotherDay(),
    baseURL: tb.baseUrl,
    viewport,
    acceptDownloads: true,
  });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto('/console/');
  await page.fill('#login-username', 'manager1');
  await page.fill('#login-password', 'manager1pass');
  await page.click('#login-form button[type=submit]');
  await page.locator('#dash-sales-value').waitFor();
  return page;
}

async function sellOil(lane: LaneClient): Promise<number> {
  await lane.send('cart.open');
  const scanned = await lane.send('cart.scan', { code: oil.barcodes[0] });
  const due = scanned.data.cart!.totals.dueFen;
  await lane.send('cart.tenderCash', { amountFen: 20_000 });
  expect((await lane.send('cart.complete', { saleId: uuidv7(), expectedDueFen: due })).ok).toBe(true);
  return due;
}

const text = (page: Page, selector: string) => page.locator(selector).innerText();

describe('the manager console dashboard and reports in Chromium', () => {
  it("shows today's sales after a lane sale, live, with the lane and its cashier", async () => {
    const page = await managerPage();
    expect(await text(page, '#page-title')).toBe('首页');
    expect(await text(page, '#dash-sales-value')).toBe('¥0.00');
    const lane = await LaneClient.login(tb.baseUrl, 'L01');
    const due = await sellOil(lane);
    // no reload: the page redraws on sale.completed from /ws/events
    await expect.poll(() => text(page, '#dash-sales-value'), { timeout: 10_000 }).toBe(formatYuanGrouped(due));
    expect(await text(page, '#dash-orders-value')).toBe('1');
    await expect.poll(() => text(page, '#dash-lanes'), { timeout: 10_000 }).toContain('cashier1');
    expect(await text(page, '#dash-products')).toContain(oil.names.zh);
    expect(await page.locator('#dash-hourly canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('#dash-channels canvas').count()).toBeGreaterThan(0);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'console-dashboard.png'), fullPage: true });
    lane.close();
  });

  it("exports a report to Excel, and the downloaded workbook holds the sale (the range is the store's today, not the browser's)", async () => {
    const lane = await LaneClient.login(tb.baseUrl, 'L02', 'cashier2', 'cashier2pass');
    await sellOil(lane);
    lane.close();
    const page = await managerPage();
    await page.click('#nav a[data-page=reports]');
    await page.locator('#report-product').waitFor({ timeout: 10_000 });
    expect(await text(page, '#report-product')).toContain(oil.names.zh);
    const sold = Number(await page.locator('#report-orders').innerText());
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#report-export-xlsx')]);
    const file = await download.path();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile(file)).buffer as ArrayBuffer);
    const products = book.getWorksheet('按商品')!;
    expect(products.getRow(1).getCell(1).value).toBe('项目');
    expect(products.getRow(2).getCell(1).value).toBe(oil.sku);
    expect(products.getRow(2).getCell(2).value).toBe(oil.names.zh);
    expect(products.getRow(2).getCell(3).value).toBe(sold);
    expect(products.getRow(2).getCell(5).value).toBe((sold * 15990) / 100);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#report-export-csv')]);
    expect(await readFile(await csv.path(), 'utf8')).toContain(
      `按商品,${oil.sku},${oil.names.zh},${sold},${sold},${formatDecimalYuan(sold * 15990)}`,
    );
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'console-reports.png'), fullPage: true });
  });

  it('switches to English: the menu, the figures and the charts speak English', async () => {
    const page = await managerPage();
    await page.click('#language');
    await expect.poll(() => text(page, '#page-title')).toBe('Dashboard');
    await page.locator('#dash-sales').waitFor();
    expect(await text(page, '#dash-sales')).toContain('Sales');
    expect(await text(page, '#dash-sales')).toContain('Yesterday');
    expect(await text(page, '#nav')).toContain('Reports');
    expect(await text(page, '#dash-lanes')).toContain('Offline');
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'console-dashboard-en.png'), fullPage: true });
    await page.click('#language');
    await expect.poll(() => text(page, '#page-title')).toBe('首页');
  });

  it('fits a 390×844 phone: the dashboard has no horizontal scrolling', async () => {
    const page = await managerPage({ width: 390, height: 844 });
    await page.locator('#dash-hourly canvas').first().waitFor();
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
      body: document.body.scrollWidth,
    }));
    expect(widths.client).toBe(390);
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    expect(widths.body).toBeLessThanOrEqual(widths.client);
    // every figure is inside the screen, not cut off
    for (const box of await page
      .locator('.figure')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right)))
      expect(box).toBeLessThanOrEqual(390);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'console-dashboard-phone.png'), fullPage: true });
  });
});
