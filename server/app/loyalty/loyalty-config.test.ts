import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Value } from '@sinclair/typebox/value';
import { loyaltyErrors } from '../../contracts/errors/loyalty.errors.ts';
import { CampaignSchema, SegmentQuerySchema } from '../../contracts/loyalty/index.ts';
import { defaultLoyaltyConfig } from './default-loyalty-config.ts';
import { parseLoyaltyConfig } from './parse-loyalty-config.ts';

const clone = <T>(v: T): T => structuredClone(v);
const docs = readFileSync(join(import.meta.dirname, '../../../docs/loyalty.md'), 'utf8');

describe('loyalty config', () => {
  it('accepts the default programme', () => {
    expect(parseLoyaltyConfig(clone(defaultLoyaltyConfig))).toEqual({ ok: true, value: defaultLoyaltyConfig });
  });
  it('names the field of a shape error', () => {
    const c = clone(defaultLoyaltyConfig) as unknown as { tiers: { tiers: { discountBp: unknown }[] } };
    c.tiers.tiers[1].discountBp = 95.5;
    const r = parseLoyaltyConfig(c);
    expect(r).toMatchObject({ ok: false, code: 'LOYALTY_CONFIG_INVALID', field: 'tiers.tiers[1].discountBp' });
  });
  it('refuses unknown properties (typos do not pass silently)', () => {
    const c = { ...clone(defaultLoyaltyConfig), pointz: {} };
    expect(parseLoyaltyConfig(c)).toMatchObject({ ok: false, code: 'LOYALTY_CONFIG_INVALID' });
  });
  it.each([
    ['tiers.tiers[0].minSpendFen', (c: typeof defaultLoyaltyConfig) => (c.tiers.tiers[0].minSpendFen = 1)],
    [
      'tiers.tiers[2].minSpendFen',
      (c: typeof defaultLoyaltyConfig) => (c.tiers.tiers[2].minSpendFen = c.tiers.tiers[1].minSpendFen),
    ],
    [
      'points.earn.timeWindows[0].toMinute',
      (c: typeof defaultLoyaltyConfig) =>
        (c.points.earn.timeWindows = [{ fromMinute: 1320, toMinute: 1200, multiplierBp: 20000 }]),
    ],
    ['issuanceRules[0].templateId', (c: typeof defaultLoyaltyConfig) => (c.issuanceRules[0].templateId = 'nope')],
    ['couponTemplates[1].id', (c: typeof defaultLoyaltyConfig) => (c.couponTemplates[1].id = c.couponTemplates[0].id)],
    [
      'tiers.tiers[3].birthdayGift.templateId',
      (c: typeof defaultLoyaltyConfig) => (c.tiers.tiers[3].birthdayGift = { kind: 'coupon', templateId: 'nope' }),
    ],
  ])('refuses a rule the schema cannot express: %s', (field, mutate) => {
    const c = clone(defaultLoyaltyConfig);
    mutate(c);
    expect(parseLoyaltyConfig(c)).toMatchObject({ ok: false, code: 'LOYALTY_CONFIG_INVALID', field });
  });
  it('validates nested segment queries', () => {
    expect(Value.Check(SegmentQuerySchema, { all: [{ tag: '沉睡' }, { not: { any: [{ tag: '价格敏感型' }] } }] })).toBe(
      true,
    );
    expect(Value.Check(SegmentQuerySchema, { all: [{ tagg: '沉睡' }] })).toBe(false);
    expect(Value.Check(CampaignSchema, { id: 'wake', segment: { tag: '沉睡' }, holdoutBp: 1000 })).toBe(true);
  });
});

describe('docs/loyalty.md', () => {
  it('its full configuration example is a valid configuration', () => {
    const block = /```json loyalty-config\n([\s\S]*?)```/.exec(docs);
    expect(block).not.toBeNull();
    expect(parseLoyaltyConfig(JSON.parse(block![1]))).toMatchObject({ ok: true });
  });
  it('lists every loyalty error code, and the core returns no code outside the catalog part', () => {
    for (const code of Object.keys(loyaltyErrors)) expect(docs, code).toContain(code);
    const roots = ['../../core/loyalty', '../../core/members'].map((p) => join(import.meta.dirname, p));
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory()
          ? files(join(dir, e.name))
          : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
            ? [join(dir, e.name)]
            : [],
      );
    const used = new Set(
      [...roots.flatMap(files), join(import.meta.dirname, 'parse-loyalty-config.ts')].flatMap((f) =>
        [...readFileSync(f, 'utf8').matchAll(/err\('([A-Z_]+)'/g)].map((m) => m[1]),
      ),
    );
    expect(used.size).toBeGreaterThan(15);
    for (const code of used) expect(Object.keys(loyaltyErrors), code).toContain(code);
  });
});
