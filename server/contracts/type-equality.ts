/**
 * Compile-time agreement between a wire schema and the domain type it carries. Contracts import no
 * core module (the layer rule), so the checks themselves live where both are visible:
 * test/contracts/wire-matches-domain.ts, which `npm run typecheck` compiles.
 *
 *   export type PromotionAgrees = Assert<Equals<Static<typeof PromotionSchema>, Promotion>>;
 */
export type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Fails to compile unless T is `true`. */
export type Assert<T extends true> = T;

/** What a schema validates can be handed to the core as its type (for schemas narrower or wider in optional parts). */
export type Assignable<From, To> = [From] extends [To] ? true : false;
