/**
 * What a simulated channel does with a payment code. Scripted per auth code; codes with no
 * script succeed at once.
 */
export type PayBehaviour =
  | { readonly kind: 'succeed' }
  /** Declined by the channel (余额不足 / invalid payment code). */
  | { readonly kind: 'decline'; readonly reason: 'balance' | 'auth-code' }
  /** The customer must confirm on the phone: pay answers "user paying"; the Nth query sees the outcome. */
  | { readonly kind: 'user-paying'; readonly queries: number; readonly outcome?: 'succeed' | 'decline' }
  /** The trade succeeds at once but the answer leaves `delayMs` later. */
  | { readonly kind: 'slow'; readonly delayMs: number }
  /** The pay call hangs `hangMs` (past the client's timeout); the trade turns successful `successAfterMs` after arrival. */
  | { readonly kind: 'late-success'; readonly hangMs: number; readonly successAfterMs: number }
  /** The channel answers "system error, unknown" while the trade in fact succeeded. */
  | { readonly kind: 'system-error' };

/** One-shot faults applied to the next call of an operation, whatever the auth code. */
export type Fault =
  | { readonly kind: 'bad-signature' }
  | { readonly kind: 'garbage' }
  | { readonly kind: 'delay'; readonly ms: number }
  | { readonly kind: 'merchant-balance' }
  | { readonly kind: 'system-error' };

export type Operation = 'pay' | 'query' | 'cancel' | 'refund';
