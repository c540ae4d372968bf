import type { ShiftActivity, ShiftReport } from '../../core/shifts/index.ts';

/** A cash shift as stored: opened with a float at one lane, closed with a count (the Z report kept). */
export type ShiftRecord = {
  id: string;
  laneId: string;
  cashier: string;
  openedAt: string;
  floatFen: number;
  status: 'open' | 'closed';
  closedAt: string | null;
  closedBy: string | null;
  countedFen: number | null;
  expectedFen: number | null;
  overShortFen: number | null;
  counted: unknown;
  zReport: ShiftReport | null;
};

/** Shifts, their pay-ins/outs, and what went through a lane while one was open (ShiftRepository). */
export interface ShiftStore {
  insert(s: { id: string; laneId: string; cashier: string; openedAt: string; floatFen: number }): void;
  byId(id: string): ShiftRecord | undefined;
  openForLane(laneId: string): ShiftRecord | undefined;
  list(filter: { laneId?: string; cashier?: string; limit: number }): ShiftRecord[];
  addMovement(
    shiftId: string,
    kind: 'pay_in' | 'pay_out',
    amountFen: number,
    reason: string,
    actor: string,
    at: string,
  ): void;
  /** False when the shift was closed meanwhile (a second close). */
  close(
    id: string,
    c: { at: string; by: string; countedFen: number; expectedFen: number; counted: unknown; report: ShiftReport },
  ): boolean;
  /** What went through the shift's lane from its opening until `until` (exclusive). */
  activity(s: ShiftRecord, until: string): ShiftActivity;
}
