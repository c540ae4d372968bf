import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICING_SETTINGS } from '../../../../server/core/pricing/pricing-settings.ts';
import { PRICING_DEFAULTS } from './settings-defaults.ts';

describe('settings page defaults', () => {
  it('are the pricing defaults the box uses', () => {
    expect(PRICING_DEFAULTS).toEqual(DEFAULT_PRICING_SETTINGS);
  });
});
