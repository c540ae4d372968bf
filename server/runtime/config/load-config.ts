import { existsSync, readFileSync } from 'node:fs';
import { Value, ValueErrorType } from '@sinclair/typebox/value';
import { ConfigSchema, ENV_KEYS, type Config } from './config.schema.ts';

export const DEFAULT_CONFIG_FILE = '/etc/storebox/config.json';

/** Exit code for a configuration error (sysexits.h EX_CONFIG). */
export const EXIT_CONFIG = 78;

export class ConfigError extends Error {
  readonly key: string;
  constructor(key: string, message: string) {
    super(`config: ${key}: ${message}`);
    this.key = key;
  }
}

type Sources = { file?: string; env?: NodeJS.ProcessEnv };

/**
 * Config = schema defaults ← file (`--config path`, or /etc/storebox/config.json if present) ← STOREBOX_* env.
 * Throws ConfigError naming the key and what was expected.
 */
export function loadConfig({ file, env = process.env }: Sources = {}): Config {
  const raw: Record<string, unknown> = file
    ? readConfigFile(file)
    : existsSync(DEFAULT_CONFIG_FILE)
      ? readConfigFile(DEFAULT_CONFIG_FILE)
      : {};
  for (const [name, path, kind] of ENV_KEYS) {
    const text = env[name];
    if (text === undefined || text === '') continue;
    setPath(raw, path, parseEnv(name, text, kind));
  }
  const withDefaults = Value.Default(ConfigSchema, Value.Clone(raw));
  const first = Value.Errors(ConfigSchema, withDefaults).First();
  if (first) {
    const key = first.path.replace(/^\//, '').replaceAll('/', '.') || '(root)';
    if (first.type === ValueErrorType.ObjectAdditionalProperties)
      throw new ConfigError(key, 'unknown key (see docs/config.md for the keys)');
    const fromEnv = ENV_KEYS.find(([, path]) => path === key)?.[0];
    const source = fromEnv && env[fromEnv] !== undefined ? ` (from ${fromEnv})` : '';
    throw new ConfigError(
      key,
      `expected ${describeExpected(first.schema as Parameters<typeof describeExpected>[0])}, got ${JSON.stringify(first.value)}${source}`,
    );
  }
  return withDefaults as Config;
}

function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(
      '--config',
      `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ConfigError('--config', `${file} is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new ConfigError('(root)', `${file} must hold a JSON object`);
  return parsed as Record<string, unknown>;
}

function parseEnv(name: string, text: string, kind: 'string' | 'integer' | 'boolean'): unknown {
  if (kind === 'string') return text;
  if (kind === 'integer') {
    if (!/^-?\d+$/.test(text)) throw new ConfigError(name, `expected an integer, got ${JSON.stringify(text)}`);
    return Number(text);
  }
  if (['1', 'true', 'yes', 'on'].includes(text.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(text.toLowerCase())) return false;
  throw new ConfigError(name, `expected true or false, got ${JSON.stringify(text)}`);
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

function describeExpected(schema: {
  type?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  anyOf?: Array<{ const?: unknown }>;
}): string {
  if (schema.anyOf) return `one of ${schema.anyOf.map((s) => JSON.stringify(s.const)).join(', ')}`;
  const range =
    schema.minimum !== undefined || schema.maximum !== undefined
      ? ` in ${schema.minimum ?? '-∞'}..${schema.maximum ?? '∞'}`
      : '';
  const len = schema.minLength ? ` of at least ${schema.minLength} characters` : '';
  return `${String(schema.type ?? 'a known key')}${range}${len}`;
}
