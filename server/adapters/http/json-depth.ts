/**
 * Whether a JSON text nests objects/arrays deeper than `maxDepth`, decided on the text before it is
 * parsed: one pass, no recursion, brackets inside strings skipped. A body nested thousands of
 * levels deep would parse, but then overflow the stack in whatever walks it recursively
 * (JSON.stringify in the idempotency hook, schema validation), so the edge refuses it first.
 */
export function jsonTooDeep(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** The error a JSON body parser hands to Fastify for a too deep body (error-handler.ts maps it). */
export class JsonTooDeepError extends Error {
  readonly code = 'JSON_TOO_DEEP';
  readonly statusCode = 400;
  readonly maxDepth: number;
  constructor(maxDepth: number) {
    super(`JSON nested deeper than ${maxDepth} levels`);
    this.maxDepth = maxDepth;
  }
}
