import type { ErrorCatalogPart } from './error-entry.ts';

/** Managing the catalog and promotions (console API, catalog import) and the pricing quote endpoint. */
export const catalogAdminErrors = {
  PRODUCT_NOT_FOUND: { status: 404, zh: '商品不存在：{sku}', en: 'No product with SKU {sku}' },
  PRODUCT_SKU_TAKEN: { status: 409, zh: '商品编码已存在：{sku}', en: 'SKU {sku} already exists' },
  PRODUCT_SKU_MISMATCH: {
    status: 400,
    zh: '请求体中的商品编码 {sku} 与地址不一致',
    en: 'The body names SKU {sku}, not the one in the path',
  },
  PRODUCT_BARCODE_TAKEN: {
    status: 409,
    zh: '条码 {barcode} 已属于商品 {sku}',
    en: 'Barcode {barcode} already belongs to {sku}',
  },
  PRODUCT_PLU_TAKEN: { status: 409, zh: 'PLU {plu} 已属于商品 {sku}', en: 'PLU {plu} already belongs to {sku}' },
  PROMOTION_NOT_FOUND: { status: 404, zh: '促销不存在：{id}', en: 'No promotion {id}' },
  PROMOTION_ID_TAKEN: { status: 409, zh: '促销编号已存在：{id}', en: 'Promotion id {id} already exists' },
  PROMOTION_ID_MISMATCH: {
    status: 400,
    zh: '请求体中的促销编号 {id} 与地址不一致',
    en: 'The body names promotion {id}, not the one in the path',
  },
  IMPORT_UNREADABLE: { status: 400, zh: '无法读取导入文件：{reason}', en: 'Cannot read the import file: {reason}' },
  IMPORT_HAS_ERRORS: {
    status: 422,
    zh: '导入文件有 {count} 行错误，未导入任何商品（可使用部分导入）',
    en: '{count} rows of the file are invalid; nothing was imported (a partial import takes the valid rows)',
  },
  QUOTE_ITEM_CODE_REQUIRED: {
    status: 400,
    zh: '商品行需要条码或商品编码：{field}',
    en: 'An item needs a barcode or a SKU: {field}',
  },
} as const satisfies ErrorCatalogPart;

export type CatalogAdminErrorCode = keyof typeof catalogAdminErrors;
