import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';

/** Helpers the lane screen's browser tests share. */

/** The first barcode of a demo product, by its Chinese name. */
export function barcodeOf(zh: string): string {
  const p = demoProducts().find((x) => x.names.zh === zh);
  if (!p) throw new Error(`demo product ${zh} is missing`);
  return p.barcodes[0];
}

/** A keyboard-wedge scanner: digits then Enter into the focused scan box. */
export async function scan(page: Page, code: string): Promise<void> {
  const box = page.locator('#scan');
  await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}

/** The text of the first element matching the selector. */
export const text = (page: Page, selector: string) => page.locator(selector).first().textContent();
