export type PurchaseOrderStatus = 'draft' | 'sent' | 'partly_received' | 'received' | 'closed';
export type PurchaseOrderRecord = {
  id: string;
  supplierId: string;
  status: PurchaseOrderStatus;
  note: string | null;
  createdBy: string;
  createdAt: string;
  sentAt: string | null;
  closedAt: string | null;
};
export type PurchaseOrderLineRecord = {
  lineNo: number;
  sku: string;
  ordered: number;
  received: number;
  unitCostFen: number;
};
export type ReceivingRecord = { id: string; poId: string | null; receivedBy: string; note: string | null; at: string };
export type ReceivingLineRecord = { lineNo: number; sku: string; quantity: number; unitCostFen: number | null };

/** Purchase orders with their lines, and the receivings (against an order or without one). */
export interface PurchaseOrderStore {
  insert(po: PurchaseOrderRecord, lines: readonly PurchaseOrderLineRecord[]): void;
  byId(id: string): PurchaseOrderRecord | undefined;
  lines(id: string): PurchaseOrderLineRecord[];
  list(filter: { status?: PurchaseOrderStatus; limit: number }): PurchaseOrderRecord[];
  setStatus(id: string, status: PurchaseOrderStatus, at: string): void;
  addReceived(id: string, sku: string, quantity: number): void;
  insertReceiving(r: ReceivingRecord, lines: readonly ReceivingLineRecord[]): void;
  receiving(id: string): ReceivingRecord | undefined;
  receivingLines(id: string): ReceivingLineRecord[];
}
