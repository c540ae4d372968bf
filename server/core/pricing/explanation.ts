import { formatYuan, FULL_BP, type Fen } from '../money/index.ts';

/** A short line for the receipt and the lane screen, in both languages: "满200减30：-¥30.00". */
export type Explanation = { readonly zh: string; readonly en: string };

export function explainAmount(name: { zh: string; en: string }, amountFen: Fen, times?: number): Explanation {
  const repeat = times !== undefined && times > 1 ? ` ×${times}` : '';
  return { zh: `${name.zh}${repeat}：${formatYuan(-amountFen)}`, en: `${name.en}${repeat}: ${formatYuan(-amountFen)}` };
}

/** 20000 bp → "2", 15000 → "1.5". */
function multiplierText(bp: number): string {
  const whole = Math.floor(bp / FULL_BP);
  const frac = String(bp % FULL_BP)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return frac === '' ? String(whole) : `${whole}.${frac}`;
}

export function explainMultiplier(name: { zh: string; en: string }, multiplierBp: number): Explanation {
  const x = multiplierText(multiplierBp);
  return { zh: `${name.zh}：积分×${x}`, en: `${name.en}: points ×${x}` };
}

export function explainIssue(name: { zh: string; en: string }, templateId: string, count: number): Explanation {
  return { zh: `${name.zh}：赠券 ${templateId} ×${count}`, en: `${name.en}: earns coupon ${templateId} ×${count}` };
}

export function explainPoints(points: number, fen: Fen): Explanation {
  return { zh: `积分抵现 ${points} 积分：${formatYuan(-fen)}`, en: `Paid with ${points} points: ${formatYuan(-fen)}` };
}

export function explainRounding(fen: Fen): Explanation {
  return { zh: `抹零：${formatYuan(-fen)}`, en: `Rounding: ${formatYuan(-fen)}` };
}
