import type { ErrorCatalogPart } from './error-entry.ts';

/** Inventory (docs/inventory.md): receiving, suppliers, purchase orders, stocktakes. */
export const inventoryErrors = {
  INVENTORY_UNKNOWN_PRODUCT: { status: 404, zh: '商品不存在：{sku}', en: 'Unknown product: {sku}' },
  INVENTORY_PRODUCT_RETIRED: { status: 409, zh: '商品已停用：{sku}', en: 'The product is retired: {sku}' },
  INVENTORY_QUANTITY_INVALID: {
    status: 400,
    zh: '数量无效：须为正整数（称重商品以克计）',
    en: 'Invalid quantity: a positive whole number is required (grams for weighed goods)',
  },
  SUPPLIER_NOT_FOUND: { status: 404, zh: '供应商不存在', en: 'Supplier not found' },
  PURCHASE_ORDER_NOT_FOUND: { status: 404, zh: '采购单不存在', en: 'Purchase order not found' },
  PURCHASE_ORDER_STATUS: {
    status: 409,
    zh: '采购单当前状态为 {status}，不能执行此操作',
    en: 'The purchase order is {status}: this is not allowed now',
  },
  STOCKTAKE_NOT_FOUND: { status: 404, zh: '盘点单不存在', en: 'Stocktake not found' },
  STOCKTAKE_SHEET_OPEN: {
    status: 409,
    zh: '该类别已有盘点单在进行中',
    en: 'A stocktake of this category is already being counted',
  },
  STOCKTAKE_ALREADY_POSTED: { status: 409, zh: '盘点单已过账', en: 'The stocktake is already posted' },
  STOCKTAKE_NOT_ON_SHEET: {
    status: 400,
    zh: '商品不在该盘点单上：{sku}',
    en: 'The product is not on this count sheet: {sku}',
  },
  STOCKTAKE_APPROVAL_REQUIRED: {
    status: 403,
    zh: '盘点差异超过 {threshold}，需主管审批',
    en: 'A variance above {threshold} needs a supervisor to approve',
  },
} as const satisfies ErrorCatalogPart;
