import type { ErrorCatalogPart } from './error-entry.ts';

/** Scanning and catalog lookup (server/core/catalog). */
export const catalogErrors = {
  CATALOG_BAD_BARCODE: { status: 400, zh: '无法识别的条码：{code}', en: 'Unrecognised barcode: {code}' },
  CATALOG_BAD_CHECK_DIGIT: {
    status: 400,
    zh: '条码校验位错误，请重新扫描：{code}',
    en: 'Barcode check digit is wrong; scan again: {code}',
  },
  CATALOG_UNKNOWN_BARCODE: { status: 404, zh: '商品不存在：{code}', en: 'No product for code {code}' },
  CATALOG_LABEL_ZERO_WEIGHT: {
    status: 400,
    zh: '秤码标签重量为 0 克，请重新称重打印：{code}',
    en: 'The scale label weighs 0 g; weigh and print it again: {code}',
  },
  CATALOG_LABEL_ZERO_PRICE: {
    status: 400,
    zh: '秤码标签金额为 ¥0.00，请重新称重打印：{code}',
    en: 'The scale label prices ¥0.00; weigh and print it again: {code}',
  },
  CATALOG_PRODUCT_INACTIVE: { status: 409, zh: '商品已停售：{sku}', en: 'Product {sku} is no longer on sale' },
  CATALOG_INVALID_QUANTITY: { status: 400, zh: '数量或重量无效', en: 'Invalid quantity or weight' },
  CATALOG_WEIGHT_REQUIRED: { status: 400, zh: '称重商品需要重量：{sku}', en: 'Weighed product {sku} needs a weight' },
  CATALOG_NOT_WEIGHED: { status: 400, zh: '该商品不按重量销售：{sku}', en: 'Product {sku} is not sold by weight' },
  CATALOG_INVALID_LAYOUT: {
    status: 400,
    zh: '秤码格式设置无效：{path} {reason}',
    en: 'Invalid scale barcode layout: {path} {reason}',
  },
  CATALOG_INVALID_PRODUCT: {
    status: 400,
    zh: '商品数据无效：{path} {reason}',
    en: 'Invalid product data: {path} {reason}',
  },
} as const satisfies ErrorCatalogPart;
