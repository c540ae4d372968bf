/**
 * The state of one payment (tender) at a channel, as the box records it (docs/payments.md):
 *
 *   created ─▶ pending ─▶ succeeded | failed | cancelled | unknown
 *                          unknown ─▶ succeeded | failed | cancelled   (a later query or cancel decides)
 *
 * `created` and `pending` are written BEFORE the call goes out; `unknown` is never final for the
 * money (a recovery query may still find it succeeded), only for the lane.
 */
export type PaymentStatus = 'created' | 'pending' | 'succeeded' | 'failed' | 'cancelled' | 'unknown';

export const PAYMENT_STATUSES: readonly PaymentStatus[] = [
  'created',
  'pending',
  'succeeded',
  'failed',
  'cancelled',
  'unknown',
];

const NEXT: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  created: ['pending', 'failed', 'cancelled', 'unknown'],
  pending: ['succeeded', 'failed', 'cancelled', 'unknown'],
  unknown: ['succeeded', 'failed', 'cancelled', 'unknown'],
  succeeded: [],
  failed: [],
  cancelled: [],
};

export function canTransition(from: PaymentStatus, to: PaymentStatus): boolean {
  return NEXT[from].includes(to);
}

/** Still waiting for the channel's word: the recovery service queries these. */
export function isOpen(status: PaymentStatus): boolean {
  return status === 'created' || status === 'pending' || status === 'unknown';
}
