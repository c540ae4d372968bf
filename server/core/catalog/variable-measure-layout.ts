import { TypeCompiler } from '@sinclair/typebox/compiler';
import { err, ok, type Result } from '../result.ts';
import { VariableMeasureLayoutsSchema, type VariableMeasureLayout } from './variable-measure-layout.schema.ts';

const checkLayouts = TypeCompiler.Compile(VariableMeasureLayoutsSchema);

function invalid(path: string, reason: string) {
  return err('CATALOG_INVALID_LAYOUT', path, { path, reason });
}

/** A store's layouts keyed by prefix, validated once when the setting changes. */
export type VariableMeasureLayouts = ReadonlyMap<string, VariableMeasureLayout>;

/** Validate the store's layout setting: shape, then digit spans inside 2…11 that do not overlap. */
export function parseVariableMeasureLayouts(input: unknown): Result<VariableMeasureLayouts, 'CATALOG_INVALID_LAYOUT'> {
  const first = checkLayouts.Errors(input).First();
  if (first) return invalid(first.path || '/', first.message);
  const layouts = input as VariableMeasureLayout[];
  const byPrefix = new Map<string, VariableMeasureLayout>();
  for (let i = 0; i < layouts.length; i++) {
    const layout = layouts[i];
    const at = `/${i}`;
    if (byPrefix.has(layout.prefix)) return invalid(`${at}/prefix`, 'duplicate prefix');
    const used = new Set<number>();
    const spans: [string, number, number][] = [
      ['item', layout.item.start, layout.item.length],
      ['value', layout.value.start, layout.value.length],
    ];
    if (layout.verifierAt !== undefined) spans.push(['verifierAt', layout.verifierAt, 1]);
    for (const [name, start, length] of spans) {
      if (start + length > 12) return invalid(`${at}/${name}`, 'runs into the EAN check digit');
      for (let p = start; p < start + length; p++) {
        if (used.has(p)) return invalid(`${at}/${name}`, `digit ${p} is used twice`);
        used.add(p);
      }
    }
    if (layout.verifierAt !== undefined && layout.value.length !== 4 && layout.value.length !== 5) {
      return invalid(`${at}/verifierAt`, 'a verifier digit needs a 4- or 5-digit value');
    }
    byPrefix.set(layout.prefix, layout);
  }
  return ok(byPrefix);
}
