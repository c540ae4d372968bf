import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { errorMessage } from '../../server/contracts/errors/catalog.ts';
import { startPaymentSimulators, type PaymentSimulators } from '../simulators/payments/payment-simulators.ts';
import { removeDir, startTestBox, type TestBox } from '../support/test-box.ts';
import { launchChromium } from './chromium.ts';
import { ensureConsoleBuilt } from './console-build.ts';
import { barcodeOf, scan, text } from './lane-page.ts';

/**
 * The lane screen's tender and member panels in headless Chromium against the real box and the
 * WeChat Pay simulator: 扫码付 by the code's prefix, a wait the cashier cancels, an unknown result
 * decided later (a late success), card + cash, stored value on the PIN keypad, a member registered
 * after payment. With LANE_SCREENSHOTS=1 each state is saved to docs/screenshots/lane-*.png
 * (docs/lane-station.md shows them).
 */

const OIL = barcodeOf('鲁花花生油 5L'); // ¥159.90
const RICE = barcodeOf('金龙鱼东北大米 5kg'); // ¥49.90
const SHOTS = process.env.LANE_SCREENSHOTS ? join(import.meta.dirname, '../../docs/screenshots') : undefined;

let seq = 0;
/** An 18-digit WeChat 付款码 (prefix 10–15), a new one each time. */
const wechatCode = () => `13${String(Date.now() % 1e9).padStart(9, '0')}${String(++seq).padStart(7, '0')}`;

let sims: PaymentSimulators;
let tb: TestBox;
let browser: Browser;
let manager: string;

beforeAll(async () => {
  await ensureConsoleBuilt();
  sims = await startPaymentSimulators();
  // the box waits up to 6 s for the customer; a call to the channel times out after 600 ms
  const timeoutMs = 600;
  const payments = {
    alipay: { ...sims.config.alipay, timeoutMs },
    wechat: { ...sims.config.wechat, timeoutMs },
    unionpay: { ...sims.config.unionpay, timeoutMs },
    deadlineMs: 6000,
    firstQueryDelayMs: 100,
    maxQueryDelayMs: 300,
    maxCancelAttempts: 1,
    recoveryIntervalSeconds: 3600,
  };
  [tb, browser] = await Promise.all([startTestBox({ payments }), launchChromium()]);
  manager = await tb.login('manager1', 'manager1pass');
});

afterAll(async () => {
  await browser?.close();
  await tb?.stop();
  await sims?.stop();
  if (tb) removeDir(tb.dataDir);
});

async function laneAt(laneId: string, viewport = { width: 1366, height: 768 }): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', baseURL: tb.baseUrl, viewport });
  const page = await context.newPage();
  await page.goto(`/lane?lane=${laneId}`);
  await page.fill('#login-username', 'cashier1');
  await page.fill('#login-password', 'cashier1pass');
  await page.click('#login-form button[type=submit]');
  await page.locator('#connection.open').waitFor();
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `lane-${name}.png`) });
}

const tenderRows = (saleId: string) =>
  tb.box.ctx.db
    .prepare('SELECT kind, amount_fen AS fen FROM tender WHERE sale_id = ? ORDER BY seq')
    .all(saleId) as Array<{ kind: string; fen: number }>;
const lastSale = () =>
  tb.box.ctx.db
    .prepare(
      'SELECT id, receipt_no AS receiptNo, due_fen AS dueFen, change_fen AS changeFen, member_id AS memberId, points_earned AS points FROM sale ORDER BY rowid DESC LIMIT 1',
    )
    .get() as {
    id: string;
    receiptNo: string;
    dueFen: number;
    changeFen: number;
    memberId: string | null;
    points: number;
  };

/** Whether an element lies wholly inside the viewport (the cashier sees it without scrolling). */
async function onScreen(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth && r.height > 0;
  });
}

async function complete(page: Page): Promise<ReturnType<typeof lastSale>> {
  await expect.poll(() => page.locator('#complete').isEnabled()).toBe(true);
  await page.click('#complete');
  await expect.poll(() => page.locator('#last-sale').isVisible()).toBe(true);
  await expect.poll(() => page.locator('#lines tbody.line').count()).toBe(0);
  return lastSale();
}

describe('扫码付 at the lane', () => {
  it('a WeChat payment code scanned into the scan box pays the rest by its prefix; the sale stores a WeChat tender', async () => {
    const page = await laneAt('L01');
    await scan(page, OIL);
    await scan(page, RICE);
    await expect.poll(() => text(page, '#remaining')).toBe('¥179.80');
    const code = wechatCode();
    // the customer confirms on the phone: the box polls twice before it is paid
    sims.wechat.script(code, { kind: 'user-paying', queries: 2 });
    await page.click('[data-action=qr]');
    await expect.poll(() => text(page, '#message')).toBe('请扫描顾客的付款码（支付宝 / 微信 / 云闪付）');
    await scan(page, code);
    await expect.poll(() => text(page, '#message')).toBe('微信支付支付成功 ¥179.80');
    expect(await text(page, '#remaining-label')).toBe('已付清');
    expect(await text(page, '#remaining')).toBe('¥0.00');
    expect(await page.locator('.tenders li').allTextContents()).toEqual(['微信支付¥179.80']);
    await shot(page, 'wechat-paid');
    const sale = await complete(page);
    expect(tenderRows(sale.id)).toEqual([{ kind: 'wechat', fen: 17980 }]);
    expect(sims.wechat.calls.filter((c) => c.op === 'pay')).toHaveLength(1);
    await page.context().close();
  });

  it('the customer does not confirm: the lane shows the wait with a cancel; the cashier cancels, nothing is taken and the sale goes on in cash', async () => {
    const page = await laneAt('L02');
    await scan(page, RICE);
    await expect.poll(() => text(page, '#remaining')).toBe('¥49.90');
    const code = wechatCode();
    sims.wechat.script(code, { kind: 'user-paying', queries: 1_000_000 });
    await scan(page, code);
    await page.locator('#qr-waiting').waitFor();
    expect(await text(page, '#qr-waiting strong')).toBe('等待顾客支付：微信支付 ¥49.90');
    expect(await onScreen(page, '#qr-cancel')).toBe(true);
    await shot(page, 'qr-waiting');
    await page.click('#qr-cancel');
    await page.locator('#qr-waiting').waitFor({ state: 'detached' });
    await expect.poll(() => text(page, '#message')).toBe(errorMessage('PAYMENT_CANCELLED', 'zh-CN'));
    expect(await page.locator('#message').getAttribute('class')).toBe('message info');
    const paymentId = sims.wechat.trades().find((t) => t.authCode === code)?.outTradeNo;
    expect(paymentId).toBeDefined();
    expect(sims.wechat.calls.filter((c) => c.op === 'cancel' && c.outTradeNo === paymentId)).toHaveLength(1);
    expect(sims.wechat.trades().find((t) => t.authCode === code)?.status).toBe('closed');
    expect(await page.locator('.tenders li').count()).toBe(0);
    expect(await text(page, '#remaining')).toBe('¥49.90');
    await shot(page, 'qr-cancelled');
    await page.keyboard.press('F10');
    await page.locator('.dialog input[name=amount]').press('Enter');
    const sale = await complete(page);
    expect(tenderRows(sale.id)).toEqual([{ kind: 'cash', fen: 4990 }]);
    await page.context().close();
  });

  it('the channel answers too late: the payment is shown unknown in the sale; the cashier queries and the late success is kept', async () => {
    const page = await laneAt('L03');
    await scan(page, RICE);
    await expect.poll(() => text(page, '#remaining')).toBe('¥49.90');
    const code = wechatCode();
    // the pay call hangs, the trade turns paid 7 s after it arrived (after the box's 6 s deadline), and the deadline's cancel fails
    sims.wechat.script(code, { kind: 'late-success', hangMs: 20_000, successAfterMs: 7_000 });
    sims.wechat.failNext('cancel', { kind: 'system-error' });
    const startedAt = Date.now();
    await scan(page, code);
    await page.locator('#qr-waiting').waitFor();
    await page.locator('#qr-unknown').waitFor({ timeout: 15_000 });
    expect(await text(page, '#qr-unknown strong')).toBe('微信支付 ¥49.90 支付结果未知，请查询后再继续');
    expect(await page.locator('#complete').isDisabled()).toBe(true);
    // not shown as paid: the amount is still open until the payment is decided, no change offered
    expect(await text(page, '#remaining-label')).toBe('待确认支付结果');
    expect(await text(page, '#remaining')).toBe('¥49.90');
    expect(await page.locator('#change').count()).toBe(0);
    await page.keyboard.press('Enter');
    expect(await page.locator('#last-sale').isVisible()).toBe(false);
    await shot(page, 'qr-unknown');
    // wait until the channel has turned the trade paid, then decide
    await expect.poll(() => Date.now() - startedAt, { timeout: 10_000, interval: 200 }).toBeGreaterThan(7_200);
    await page.click('#qr-decide');
    await expect.poll(() => text(page, '#message')).toBe('微信支付支付成功 ¥49.90');
    expect(await page.locator('#qr-unknown').count()).toBe(0);
    expect(await text(page, '#remaining-label')).toBe('已付清');
    await shot(page, 'qr-late-success');
    const sale = await complete(page);
    expect(tenderRows(sale.id)).toEqual([{ kind: 'wechat', fen: 4990 }]);
    await page.context().close();
  }, 60_000);

  it('an unknown payment the channel never took: the cashier queries, the box cancels it and the sale goes on', async () => {
    const page = await laneAt('L01');
    await scan(page, RICE);
    await expect.poll(() => text(page, '#remaining')).toBe('¥49.90');
    const code = wechatCode();
    // the pay call hangs and the trade never turns paid; the deadline's cancel fails, so the result stays unknown
    sims.wechat.script(code, { kind: 'late-success', hangMs: 20_000, successAfterMs: 3_600_000 });
    sims.wechat.failNext('cancel', { kind: 'system-error' });
    await scan(page, code);
    await page.locator('#qr-unknown').waitFor({ timeout: 15_000 });
    await page.click('#qr-decide');
    await expect.poll(() => text(page, '#message')).toBe(errorMessage('PAYMENT_CANCELLED', 'zh-CN'));
    expect(await page.locator('#message').getAttribute('class')).toBe('message info');
    expect(await page.locator('#qr-unknown').count()).toBe(0);
    expect(await page.locator('.tenders li').count()).toBe(0);
    expect(await text(page, '#remaining-label')).toBe('还需支付');
    expect(sims.wechat.trades().find((t) => t.authCode === code)?.status).toBe('closed');
    await page.click('[data-action=cash]');
    await page.locator('.dialog input[name=amount]').press('Enter');
    const sale = await complete(page);
    expect(tenderRows(sale.id)).toEqual([{ kind: 'cash', fen: 4990 }]);
    await page.context().close();
  }, 60_000);
});

describe('card, cash and stored value at the lane', () => {
  it('card + cash split: the card takes part with the terminal reference and auth code, cash gives the change', async () => {
    const page = await laneAt('L01');
    await scan(page, RICE);
    await expect.poll(() => text(page, '#remaining')).toBe('¥49.90');
    await page.click('[data-action=card]');
    const amount = page.locator('.dialog input[name=amount]');
    expect(await amount.inputValue()).toBe('49.90');
    await amount.fill('30');
    await page.fill('.dialog input[name=reference]', '000123456789');
    await page.fill('.dialog input[name=authCode]', 'A1B2C3');
    await page.locator('.dialog input[name=authCode]').press('Enter');
    await expect.poll(() => text(page, '#remaining')).toBe('¥19.90');
    expect(await text(page, '#remaining-label')).toBe('还需支付');
    await page.click('[data-action=cash]');
    await page.locator('.dialog input[name=amount]').fill('20');
    await page.locator('.dialog input[name=amount]').press('Enter');
    await expect.poll(() => text(page, '#change')).toBe('¥0.10');
    expect(await page.locator('.tenders li').allTextContents()).toEqual(['银行卡¥30.00', '现金¥20.00']);
    await shot(page, 'card-cash');
    const sale = await complete(page);
    expect(sale.changeFen).toBe(10);
    expect(tenderRows(sale.id)).toEqual([
      { kind: 'card', fen: 3000 },
      { kind: 'cash', fen: 2000 },
    ]);
    const card = tb.box.ctx.db
      .prepare("SELECT reference, auth_code AS authCode FROM tender WHERE sale_id = ? AND kind = 'card'")
      .get(sale.id);
    expect(card).toEqual({ reference: '000123456789', authCode: 'A1B2C3' });
    await page.context().close();
  });

  it('a member pays by stored value on the PIN keypad: a wrong PIN shows the attempts left, the right one pays; 完成交易 stays on screen at 1366×768 and 1024×768', async () => {
    const phone = '13655550001';
    const m = (await tb.api('/api/v1/members', { token: manager, body: { phone } })).body.data.member;
    await tb.api(`/api/v1/members/${m.id}/stored-value/pin`, {
      token: manager,
      method: 'PUT',
      body: { pin: '246810' },
    });
    const top = await tb.api(`/api/v1/members/${m.id}/stored-value/top-ups`, {
      token: manager,
      body: { amountFen: 10_000, tenderKind: 'cash' },
    });
    expect(top.status).toBe(201);

    const page = await laneAt('L02');
    await scan(page, RICE);
    await page.click('#member-identify');
    await page.fill('.dialog input[name=query]', phone);
    await page.locator('.dialog input[name=query]').press('Enter');
    await expect.poll(() => text(page, '#member-phone')).toBe('136****0001');
    expect(await text(page, '#member-balance')).toBe('¥120.00');
    expect(Number(await text(page, '#member-points'))).toBeGreaterThanOrEqual(0);
    expect((await text(page, '#member-tier'))?.length).toBeGreaterThan(0);
    expect(await onScreen(page, '#complete')).toBe(true);

    await page.click('[data-action=storedValue]');
    for (const d of '111111') await page.click(`.pin-key[data-key="${d}"]`);
    expect(await text(page, '#pin-dots')).toBe('••••••');
    await page.click('#pin-ok');
    await expect.poll(() => text(page, '#pin-note')).toBe(errorMessage('LOYALTY_PIN_WRONG', 'zh-CN', { remaining: 4 }));
    await shot(page, 'pin-keypad');
    for (const d of '246810') await page.click(`.pin-key[data-key="${d}"]`);
    await page.click('#pin-ok');
    await expect.poll(() => text(page, '#remaining-label')).toBe('已付清');
    const due = Number((await text(page, '#due'))!.replace(/[¥,]/g, '')) * 100;
    expect(await page.locator('.tenders li').allTextContents()).toEqual([`储值¥${(due / 100).toFixed(2)}`]);
    expect(await onScreen(page, '#complete')).toBe(true);
    await shot(page, 'stored-value');
    await page.setViewportSize({ width: 1024, height: 768 });
    expect(await onScreen(page, '#complete')).toBe(true);
    expect(await onScreen(page, '#remaining')).toBe(true);
    await shot(page, 'stored-value-1024');
    await page.setViewportSize({ width: 1366, height: 768 });
    const sale = await complete(page);
    expect(sale.memberId).toBe(m.id);
    expect(tenderRows(sale.id)).toEqual([{ kind: 'stored_value', fen: sale.dueFen }]);

    // the next sale: five wrong PINs lock the account, and the keypad's lane says so
    await scan(page, RICE);
    await page.click('#member-identify');
    await page.fill('.dialog input[name=query]', phone);
    await page.locator('.dialog input[name=query]').press('Enter');
    await expect.poll(() => text(page, '#member-phone')).toBe('136****0001');
    await page.click('[data-action=storedValue]');
    for (let i = 0; i < 5; i++) {
      // the keypad also takes a keyboard's digits and Enter
      await page.locator('.pin-pad').waitFor();
      await page.keyboard.type('999999');
      await expect.poll(() => text(page, '#pin-dots')).toBe('••••••');
      await page.keyboard.press('Enter');
      await page.locator('.pin-pad').waitFor({ state: 'detached' });
    }
    await expect.poll(() => text(page, '#message')).toContain('支付密码已锁定');
    expect(await page.locator('.pin-pad').count()).toBe(0);
    await shot(page, 'pin-locked');
    await page.context().close();
  }, 90_000);
});

describe('the member panel', () => {
  it("the member's QR (their member code) scanned into the scan box identifies them", async () => {
    const m = (await tb.api('/api/v1/members', { token: manager, body: { phone: '13988880001' } })).body.data.member;
    const page = await laneAt('L02');
    await scan(page, RICE);
    await scan(page, m.code);
    await expect.poll(() => text(page, '#member-phone')).toBe('139****0001');
    expect(await page.locator('#lines tbody.line').count()).toBe(1);
    await page.click('#member-clear');
    await expect.poll(() => page.locator('#member-none').count()).toBe(1);
    await page.context().close();
  });

  it('a customer without a member pays cash, then registers at the lane: the sale is attached and earns its points', async () => {
    const page = await laneAt('L03');
    await scan(page, OIL);
    await expect.poll(() => text(page, '#remaining')).toBe('¥159.90');
    await page.keyboard.press('F10');
    await page.locator('.dialog input[name=amount]').press('Enter');
    const sale = await complete(page);
    expect(sale.memberId).toBeNull();
    await page.locator('#member-register-after').waitFor();
    await page.click('#member-register-after');
    await page.fill('.dialog input[name=phone]', '13766660001');
    await page.fill('.dialog input[name=name]', '王小明');
    await page.locator('.dialog input[name=name]').press('Enter');
    await expect.poll(() => text(page, '#message')).toMatch(/^已注册会员 \S+，本单积分 \d+$/);
    const attached = tb.box.ctx.db
      .prepare('SELECT member_id AS memberId, points_earned AS points FROM sale WHERE id = ?')
      .get(sale.id) as { memberId: string | null; points: number };
    expect(attached.memberId).not.toBeNull();
    expect(attached.points).toBeGreaterThan(0);
    const code = tb.box.ctx.db.prepare('SELECT code FROM member WHERE id = ?').pluck().get(attached.memberId);
    expect(await text(page, '#message')).toBe(`已注册会员 ${code}，本单积分 ${attached.points}`);
    // the next customer is not this member; the button is gone
    expect(await page.locator('#member-register-after').count()).toBe(0);
    expect(await page.locator('#member-none').count()).toBe(1);
    await shot(page, 'member-registered');
    await page.context().close();
  });

  it('identifies a member with a coupon: the coupon is listed and removable; points and tier shown; in English too', async () => {
    const page = await laneAt('L01');
    await scan(page, OIL);
    // a new member gets the programme's welcome coupon, which the cart takes at once
    await page.click('#member-register');
    await page.fill('.dialog input[name=phone]', '13877770001');
    await page.locator('.dialog input[name=phone]').press('Enter');
    await expect.poll(() => text(page, '#member-phone')).toBe('138****0001');
    const applied = page.locator('#member-coupons li.applied');
    await expect.poll(() => applied.count()).toBeGreaterThan(0);
    const dueWith = await text(page, '#due');
    await shot(page, 'member');
    await applied.first().locator('.coupon-remove').click();
    await expect.poll(() => applied.count()).toBe(0);
    expect(await text(page, '#due')).not.toBe(dueWith);
    // taken off the cart, it is still the member's: offered back
    await page.locator('#member-coupons li.usable .coupon-use').first().click();
    await expect.poll(() => applied.count()).toBe(1);
    expect(await text(page, '#due')).toBe(dueWith);
    await page.keyboard.press('Alt+L');
    await expect.poll(() => text(page, '#remaining-label')).toBe('Remaining');
    expect(await text(page, '#member-clear')).toBe('Clear member');
    expect(await text(page, '[data-action=qr]')).toBe('Scan to pay');
    expect(await text(page, '#connection')).toBe('Connected');
    await shot(page, 'member-en');
    await page.click('#member-clear');
    await expect.poll(() => page.locator('#member-none').count()).toBe(1);
    await page.keyboard.press('Alt+L');
    await page.context().close();
  });
});
