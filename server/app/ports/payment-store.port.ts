import type { PaymentStatus, QrChannel } from '../../core/payments/index.ts';

export type OrphanReason = 'cart_voided' | 'lane_gone' | 'restart' | 'late_success';

/** A QR payment as stored; the payment code itself is kept only masked. */
export type PaymentRecord = {
  id: string;
  laneId: string;
  cartId: string;
  cashier: string;
  laneTransaction: string;
  channel: QrChannel;
  amountFen: number;
  authCodeMasked: string;
  requestedAt: string;
  status: PaymentStatus;
  channelTxnId: string | null;
  paidAt: string | null;
  errorCode: string | null;
  detail: string | null;
  saleId: string | null;
  orphanedAt: string | null;
  orphanReason: OrphanReason | null;
  updatedAt: string;
};

export type NewPayment = Pick<
  PaymentRecord,
  | 'id'
  | 'laneId'
  | 'cartId'
  | 'cashier'
  | 'laneTransaction'
  | 'channel'
  | 'amountFen'
  | 'authCodeMasked'
  | 'requestedAt'
>;
export type PaymentOutcome = { channelTxnId?: string; paidAt?: string; errorCode?: string; detail?: string };

export type PaymentEvent = { at: string; fromStatus: string | null; toStatus: string; detail: string | null };

/**
 * QR payments and their state changes (PaymentRepository). Every change is checked against the state
 * machine (core/payments) and logged as a payment event in the same transaction.
 */
export interface PaymentStore {
  /** Writes the payment as `created`: the caller moves it to `pending` before the channel is called. */
  insert(p: NewPayment, at: string): PaymentRecord;
  /** Moves a payment along the state machine; an illegal move (a bug) throws and writes nothing. */
  transition(id: string, to: PaymentStatus, at: string, outcome?: PaymentOutcome): PaymentRecord;
  byId(id: string): PaymentRecord | undefined;
  byLaneTransaction(laneId: string, transaction: string): PaymentRecord | undefined;
  /** Payments still waiting for the channel's word (created, pending, unknown). */
  open(): PaymentRecord[];
  /** Succeeded payments no sale carries and none has been declared orphan yet. */
  unattached(): PaymentRecord[];
  /** Inside the sale's transaction: false if the payment is not (or no longer) a succeeded free payment. */
  attachToSale(id: string, saleId: string, at: string): boolean;
  /** 支付成功但未出单: the money was taken and no sale will carry it. */
  markOrphan(id: string, reason: OrphanReason, at: string): boolean;
  events(id: string): PaymentEvent[];
  /** An event beside the state changes on a succeeded payment that stays succeeded (an orphan refund attempt). */
  noteOnSucceeded(id: string, at: string, detail: string): void;
  list(filter: { status?: PaymentStatus; orphan?: boolean; limit: number }): PaymentRecord[];
  /** A card tender's terminal auth code. */
  setCardAuthCode(tenderId: string, authCode: string): void;
}
