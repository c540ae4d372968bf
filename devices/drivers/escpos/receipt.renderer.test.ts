import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { commandNames, decodeEscPos } from '../../testing/escpos-decoder.ts';
import { sampleReceipt } from '../../testing/sample-receipt.ts';
import { quantityText, renderReceipt, renderReceiptText } from './receipt.renderer.ts';
import { formatDecimalYuan } from '../../../server/core/money/index.ts';

// Written again here (not imported): in Chinese mode every non-ASCII character prints from the double-width Hanzi font.
const columns = (s: string) => [...s].reduce((w, c) => w + (c.charCodeAt(0) > 0x7f ? 2 : 1), 0);

/** Lines printed at normal width (the store name is printed double width). */
function normalWidthLines(bytes: Uint8Array) {
  const decoded = decodeEscPos(bytes);
  const doubleLines = new Set<number>();
  let wide = false;
  let cmdIndex = 0;
  for (let line = 0; line < decoded.lines.length; line++) {
    while (cmdIndex < decoded.commands.length && decoded.commands[cmdIndex].line === line) {
      const c = decoded.commands[cmdIndex++];
      if (c.name === 'size') wide = (c.args[0] & 0xf0) !== 0;
    }
    if (wide) doubleLines.add(line);
  }
  return decoded.lines.filter((_, i) => !doubleLines.has(i));
}

describe('receipt renderer → independent decoder', () => {
  for (const paper of [58, 80] as const) {
    const cols = paper === 58 ? 32 : 48;
    it(`${paper} mm: Chinese text survives GB18030 and every line fits ${cols} columns`, () => {
      const bytes = renderReceipt(sampleReceipt(), paper);
      const decoded = decodeEscPos(bytes);
      expect(decoded.unknown).toEqual([]);
      expect(decoded.badText).toBe(0);
      const text = decoded.lines.join('\n');
      for (const expected of [
        '好邻居便利店',
        '农夫山泉天然水550ml',
        '红富士苹果（散称）',
        '满200减30',
        '微信支付',
        '138****5678',
        '谢谢惠顾',
      ]) {
        expect(text).toContain(expected);
      }
      for (const line of normalWidthLines(bytes)) expect(columns(line)).toBeLessThanOrEqual(cols);
      const due = decoded.lines.find((l) => l.startsWith('应收'))!;
      expect(columns(due)).toBe(cols);
      expect(due.endsWith('￥197.00')).toBe(true);
    });
  }

  it('starts with init + Chinese mode, kicks the drawer, prints the QR, ends with feed and partial cut', () => {
    const decoded = decodeEscPos(renderReceipt(sampleReceipt(), 80));
    const names = commandNames(decoded);
    expect(names.slice(0, 3)).toEqual(['initialize', 'chinese-on', 'drawer-kick']);
    expect(decoded.commands[2].args).toEqual([0, 25, 250]);
    expect(names.slice(-2)).toEqual(['feed-lines', 'cut-partial']);
    const qr = decoded.commands.filter((c) => c.name.startsWith('qr-')).map((c) => c.name);
    expect(qr).toEqual(['qr-model', 'qr-size', 'qr-error-correction', 'qr-store', 'qr-print']);
    const model = decoded.commands.find((c) => c.name === 'qr-model')!;
    expect(model.args[2]).toBe(50); // model 2
    const store = decoded.commands.find((c) => c.name === 'qr-store')!;
    expect(new TextDecoder().decode(store.data)).toBe('https://r.storebox.cn/e/ER-7F3A9C');
  });

  it('no drawer kick, member block or QR when the receipt has none', () => {
    const decoded = decodeEscPos(
      renderReceipt(sampleReceipt({ openDrawer: false, member: undefined, eReceipt: undefined }), 58),
    );
    const names = commandNames(decoded);
    expect(names).not.toContain('drawer-kick');
    expect(names.some((n) => n.startsWith('qr-'))).toBe(false);
    expect(decoded.lines.join('\n')).not.toContain('会员');
  });

  it('weights print as kg with three decimals from integer grams', () => {
    expect(quantityText({ kind: 'weight', grams: 532 })).toBe('0.532kg');
    expect(quantityText({ kind: 'weight', grams: 12005 })).toBe('12.005kg');
    expect(quantityText({ kind: 'count', count: 3 })).toBe('3');
  });

  it('any item name (control bytes included) cannot inject commands or overflow the paper', () => {
    const reference = commandNames(decodeEscPos(renderReceipt(sampleReceipt(), 58)));
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('苹', '果', 'A', '1', ' ', '\x1b', '\x1d', '\x10', '\n', 'V', '@', '￥'),
          minLength: 1,
          maxLength: 40,
        }),
        (name) => {
          const receipt = sampleReceipt();
          const bytes = renderReceipt({ ...receipt, lines: receipt.lines.map((l) => ({ ...l, name })) }, 58);
          const decoded = decodeEscPos(bytes);
          expect(decoded.unknown).toEqual([]);
          expect(commandNames(decoded)).toEqual(reference);
          for (const line of normalWidthLines(bytes)) expect(columns(line)).toBeLessThanOrEqual(32);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('plain-text rendering', () => {
  it('lays the receipt out column for column as printed, QR as its payload', async () => {
    const receipt = sampleReceipt();
    const text = renderReceiptText(receipt, 58);
    const lines = text.trimEnd().split('\n');
    expect(lines.some((l) => l.includes('应收') && l.includes(formatDecimalYuan(receipt.totals.dueFen)))).toBe(true);
    expect(text).toContain(`[QR] ${receipt.eReceipt!.qrPayload}`);
    for (const line of lines.filter((l) => !l.startsWith('[QR]'))) expect(columns(line)).toBeLessThanOrEqual(32);
    for (const l of receipt.lines) expect(text).toContain(l.name.slice(0, 4));
  });
});
