import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import { removeDir, startTestBox, type TestBox } from '../support/test-box.ts';
import { launchChromium } from './chromium.ts';
import { ensureConsoleBuilt } from './console-build.ts';

/** The console's 库存 page in real headless Chromium against the real box. */

const products = demoProducts();
const cola = products.find((p) => p.names.zh === '可口可乐 330ml')!;
const rice = products.find((p) => p.names.zh === '金龙鱼东北大米 5kg')!;

let tb: TestBox;
let browser: Browser;

beforeAll(async () => {
  await ensureConsoleBuilt();
  [tb, browser] = await Promise.all([startTestBox(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await tb?.stop();
  if (tb) removeDir(tb.dataDir);
});

async function managerOnStockPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', baseURL: tb.baseUrl });
  const page = await context.newPage();
  await page.goto('/console/#stock');
  await page.fill('#login-username', 'manager1');
  await page.fill('#login-password', 'manager1pass');
  await page.click('#login-form button[type=submit]');
  await page.locator('#stock-list').waitFor();
  return page;
}

/** The on hand the 库存 list shows for a product, after searching for it. */
async function shownOnHand(page: Page, sku: string): Promise<string | null> {
  return page.locator('#stock-list tr', { hasText: sku }).locator('.on-hand').textContent();
}

async function scan(page: Page, code: string): Promise<void> {
  await page.locator('#receive-scan').focus();
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}

describe('库存 page', () => {
  it('a manager receives an order by scanning and sees the stock change', async () => {
    // an order for 3 cola and 1 rice, sent to the supplier
    const token = await tb.login('manager1', 'manager1pass');
    const supplier = await tb.api('/api/v1/suppliers', {
      token,
      body: { name: '华润饮料批发', leadTimeDays: 3, orderWeekdays: [1] },
    });
    const po = await tb.api('/api/v1/purchase-orders', {
      token,
      body: {
        supplierId: supplier.body.data.id,
        lines: [
          { sku: cola.sku, quantity: 3 },
          { sku: rice.sku, quantity: 1 },
        ],
      },
    });
    await tb.api(`/api/v1/purchase-orders/${po.body.data.id}/send`, { method: 'POST', token });
    const before = { cola: tb.box.stock.onHand(cola.sku), rice: tb.box.stock.onHand(rice.sku) };

    const page = await managerOnStockPage();
    await page.fill('#stock-q', '可口可乐 330ml');
    await page.click('#stock-q ~ button[type=submit]');
    await expect.poll(() => shownOnHand(page, cola.sku)).toBe(String(before.cola));

    // three scans of the cola (one line of 3) and one of the rice, against the order
    for (const code of [cola.barcodes[0]!, rice.barcodes[0]!, cola.barcodes[0]!, cola.barcodes[0]!])
      await scan(page, code);
    await expect.poll(() => page.locator('#receive-lines-list tbody tr').count()).toBe(2);
    await expect
      .poll(() =>
        page
          .locator('#receive-lines-list .receive-qty')
          .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)),
      )
      .toEqual(['3', '1']);
    await page.fill('#receive-po', po.body.data.id);
    await page.click('#receive-post');
    await expect.poll(() => page.locator('#receive-result').textContent()).toBe('已收货 2 行');

    // the list (searched again after the post) shows the new on hand, and so does the box
    await expect.poll(() => shownOnHand(page, cola.sku)).toBe(String(before.cola + 3));
    expect(tb.box.stock.onHand(cola.sku)).toBe(before.cola + 3);
    expect(tb.box.stock.onHand(rice.sku)).toBe(before.rice + 1);
    const order = await tb.api(`/api/v1/purchase-orders/${po.body.data.id}`, { token });
    expect(order.body.data.status).toBe('received');

    // its movements: the receiving on top
    await page.locator('#stock-list tr', { hasText: cola.sku }).locator('button.movements').click();
    await expect.poll(() => page.locator('#stock-movements-list tbody tr').first().textContent()).toContain('收货');
  });
});
