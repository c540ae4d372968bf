export type AckState = { seq: number; at: string | null };

/** How far HQ has acknowledged the outbox. Writes run in the caller's transaction. */
export interface UplinkAckState {
  get(): AckState;
  /** Never backwards: false when `seq` is not beyond the stored one. */
  advance(seq: number, at: string): boolean;
}
