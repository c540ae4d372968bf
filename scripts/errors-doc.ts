/**
 * Writes docs/errors.md from the error catalog (`node scripts/errors-doc.ts`); a test fails when
 * the file and the catalog disagree.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { errorCatalog } from '../server/contracts/errors/catalog.ts';

export function renderErrorsDoc(): string {
  const lines = [
    '# Error codes',
    '',
    'Every failed reply is `{ok: false, error: {code, message, field?, params?}}`. The code is stable; the',
    'message is in zh-CN unless the request sends `Accept-Language: en`. Generated from',
    '`server/contracts/errors/` by `node scripts/errors-doc.ts`; a test keeps this file in sync.',
    '',
    '| code | HTTP | zh-CN | en |',
    '|---|---|---|---|',
  ];
  for (const code of Object.keys(errorCatalog).sort()) {
    const e = errorCatalog[code];
    lines.push(`| \`${code}\` | ${e.status} | ${e.zh.replaceAll('|', '\\|')} | ${e.en.replaceAll('|', '\\|')} |`);
  }
  return lines.join('\n') + '\n';
}

if (import.meta.main) {
  const target = fileURLToPath(new URL('../docs/errors.md', import.meta.url));
  writeFileSync(target, renderErrorsDoc());
  console.log(`wrote ${target}`);
}
