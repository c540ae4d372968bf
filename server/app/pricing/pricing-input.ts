import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { TSchema } from '@sinclair/typebox';
import { PricingRequestSchema, PricingSettingsSchema } from '../../contracts/pricing/pricing-request.schema.ts';
import { PromotionSchema } from '../../contracts/pricing/promotion.schema.ts';
import {
  checkPricingRequest,
  checkPromotion,
  checkPromotionList,
  compilePromotionSet,
  type PricingErrorCode,
  type PricingRequest,
  type PricingSettings,
  type Promotion,
  type PromotionSet,
} from '../../core/pricing/index.ts';
import { err, ok, type Err, type Result } from '../../core/result.ts';

/**
 * The edge of the pricing engine: untrusted input (the console, HQ pushes, stored rows) is checked
 * against the wire schemas in server/contracts/pricing first, then handed to the core's checks of
 * what a schema cannot say. The core itself takes typed values only (it imports no schema library).
 */
function shapeCheck<T>(schema: TSchema) {
  const compiled = TypeCompiler.Compile(schema);
  return <C extends PricingErrorCode>(code: C, input: unknown): Result<T, C> => {
    const first = compiled.Errors(input).First();
    if (first) return err(code, first.path || '/', { path: first.path || '/', reason: first.message });
    return ok(input as T);
  };
}

const promotionShape = shapeCheck<Promotion>(PromotionSchema);
const requestShape = shapeCheck<PricingRequest>(PricingRequestSchema);
const settingsShape = shapeCheck<PricingSettings>(PricingSettingsSchema);

/** One promotion from HQ or the console: its shape, then its contradictions (field: a JSON pointer into it). */
export function validatePromotion(input: unknown): Result<Promotion, PricingErrorCode> {
  const shape = promotionShape('PRICING_INVALID_PROMOTION', input);
  return shape.ok ? checkPromotion(shape.value) : shape;
}

/**
 * Validate and compile promotions of unknown shape (stored rows, a push): the first invalid one
 * fails the set with field `/<index>/<pointer>`, checked in order as compilePromotionSet checks
 * them, so a promotion's contradiction or duplicate id is reported before a later one's bad shape.
 */
export function compilePromotions(input: readonly unknown[]): Result<PromotionSet, PricingErrorCode> {
  const shaped: Promotion[] = [];
  for (let i = 0; i < input.length; i++) {
    const r = promotionShape('PRICING_INVALID_PROMOTION', input[i]);
    if (!r.ok) {
      const earlier = checkPromotionList(shaped);
      return earlier.ok ? atIndex(r, i) : earlier;
    }
    shaped.push(r.value);
  }
  return compilePromotionSet(shaped);
}

function atIndex<C extends string>(r: Err<C>, i: number): Err<C> {
  return err(r.code, `/${i}${r.field ?? ''}`, { ...r.params, path: `/${i}${r.params?.path ?? ''}` });
}

/** A basket at the edge (lane WebSocket, HTTP): shape, then unique line ids and counted lines of at least one unit. */
export function validatePricingRequest(
  input: unknown,
): Result<PricingRequest, 'PRICING_INVALID_REQUEST' | 'PRICING_DUPLICATE_LINE_ID'> {
  const shape = requestShape('PRICING_INVALID_REQUEST', input);
  return shape.ok ? checkPricingRequest(shape.value) : shape;
}

export function validatePricingSettings(input: unknown): Result<PricingSettings, 'PRICING_INVALID_SETTINGS'> {
  return settingsShape('PRICING_INVALID_SETTINGS', input);
}
