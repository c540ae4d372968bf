import { allocate, formatYuan, mulDivFloor, type Fen } from '../../money/index.ts';
import { err, ok, type Result } from '../../result.ts';
import { entryId, type EntryContext } from '../entry-context.ts';
import { storedValueBalance, type StoredValueEntry } from './stored-value-entry.ts';
import { topUpBonus, type TopUpRule } from './top-up-rule.ts';

export function topUp(
  ctx: EntryContext,
  cmd: { readonly accountId: string; readonly amountFen: Fen; readonly rule?: TopUpRule; readonly ref?: string },
): Result<StoredValueEntry, 'LOYALTY_TOPUP_AMOUNT_INVALID'> {
  if (!Number.isSafeInteger(cmd.amountFen) || cmd.amountFen <= 0)
    return err('LOYALTY_TOPUP_AMOUNT_INVALID', 'amountFen');
  return ok({
    id: entryId(ctx.storeId, ctx.sequence),
    accountId: cmd.accountId,
    kind: 'topup',
    principalFen: cmd.amountFen,
    bonusFen: cmd.rule ? topUpBonus(cmd.rule, cmd.amountFen) : 0,
    at: ctx.at,
    ...(cmd.ref === undefined ? {} : { ref: cmd.ref }),
    ...(cmd.rule === undefined ? {} : { ruleId: cmd.rule.id }),
  });
}

/**
 * Pay with the balance, taken from principal and bonus in proportion to their balances
 * (largest remainder, ties to principal), the common 储值 rule: the member cannot spend the bonus
 * first and then ask for the principal back in cash.
 */
export function payWithBalance(
  entries: readonly StoredValueEntry[],
  ctx: EntryContext,
  cmd: { readonly accountId: string; readonly amountFen: Fen; readonly ref?: string },
): Result<StoredValueEntry, 'LOYALTY_AMOUNT_INVALID' | 'LOYALTY_INSUFFICIENT_BALANCE'> {
  if (!Number.isSafeInteger(cmd.amountFen) || cmd.amountFen <= 0) return err('LOYALTY_AMOUNT_INVALID', 'amountFen');
  const b = storedValueBalance(entries);
  const available = b.principalFen + b.bonusFen;
  if (cmd.amountFen > available)
    return err('LOYALTY_INSUFFICIENT_BALANCE', 'amountFen', { available: formatYuan(available) });
  const [principal, bonus] = allocate(cmd.amountFen, [b.principalFen, b.bonusFen]);
  return ok({
    id: entryId(ctx.storeId, ctx.sequence),
    accountId: cmd.accountId,
    kind: 'pay',
    principalFen: 0 - principal,
    bonusFen: 0 - bonus,
    at: ctx.at,
    ...(cmd.ref === undefined ? {} : { ref: cmd.ref }),
  });
}

/**
 * Refund to the balance, back into the buckets the pay entry drew from. Cumulative over partial
 * refunds R of a payment T = P + B: principal back = ⌊P × R / T⌋ (less what earlier refunds gave),
 * bonus back = the rest; refunding all of T gives back exactly P and B.
 */
export function refundToBalance(
  entries: readonly StoredValueEntry[],
  ctx: EntryContext,
  cmd: { readonly accountId: string; readonly payEntryId: string; readonly amountFen: Fen; readonly ref?: string },
): Result<StoredValueEntry, 'LOYALTY_AMOUNT_INVALID' | 'LOYALTY_REFUND_EXCEEDS_PAYMENT'> {
  if (!Number.isSafeInteger(cmd.amountFen) || cmd.amountFen <= 0) return err('LOYALTY_AMOUNT_INVALID', 'amountFen');
  const pay = entries.find((e) => e.id === cmd.payEntryId && e.kind === 'pay');
  if (!pay) return err('LOYALTY_REFUND_EXCEEDS_PAYMENT', 'payEntryId');
  const paidPrincipal = -pay.principalFen;
  const total = paidPrincipal - pay.bonusFen;
  let before = 0;
  for (const e of entries) if (e.kind === 'refund' && e.payEntryId === pay.id) before += e.principalFen + e.bonusFen;
  const after = before + cmd.amountFen;
  if (after > total) return err('LOYALTY_REFUND_EXCEEDS_PAYMENT', 'amountFen');
  const principal = mulDivFloor(paidPrincipal, after, total) - mulDivFloor(paidPrincipal, before, total);
  return ok({
    id: entryId(ctx.storeId, ctx.sequence),
    accountId: cmd.accountId,
    kind: 'refund',
    principalFen: principal,
    bonusFen: cmd.amountFen - principal,
    at: ctx.at,
    payEntryId: pay.id,
    ...(cmd.ref === undefined ? {} : { ref: cmd.ref }),
  });
}
