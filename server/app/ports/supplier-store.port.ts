export type SupplierRecord = {
  id: string;
  name: string;
  contact: string | null;
  leadTimeDays: number;
  minOrderFen: number;
  packSize: number;
  /** ISO weekdays 1 (Monday) … 7 (Sunday) the supplier takes orders */
  orderWeekdays: number[];
  createdAt: string;
};
export type SupplierProductRecord = {
  supplierId: string;
  sku: string;
  costFen: number;
  packSize: number | null;
  preferred: boolean;
};

/** Suppliers and which of them supplies which product at what cost (several per product, one preferred). */
export interface SupplierStore {
  insert(s: SupplierRecord): void;
  byId(id: string): SupplierRecord | undefined;
  list(): SupplierRecord[];
  /** writes the product's terms; `preferred` clears the flag on the product's other suppliers */
  setProduct(p: SupplierProductRecord): void;
  productsOf(supplierId: string): SupplierProductRecord[];
  suppliersOf(sku: string): SupplierProductRecord[];
}
