import sea from 'node:sea';
import pino, { type Logger } from 'pino';
import { ConfigError } from './config/load-config.ts';
import type { Config } from './config/config.schema.ts';

/**
 * Structured JSON logs (pino); pretty when configured for development. Secrets never reach a
 * log line: these paths are censored wherever they appear.
 */
export function createLogger(config: Pick<Config, 'log'>): Logger {
  const redact = {
    paths: [
      'password',
      '*.password',
      'token',
      '*.token',
      'authorization',
      '*.authorization',
      'req.headers.authorization',
      'req.headers.cookie',
      'phone',
      '*.phone',
      'pin',
      '*.pin',
    ],
    censor: '[redacted]',
  };
  if (config.log.pretty) {
    // pino-pretty runs in a worker thread loaded from node_modules, which the single binary does not have
    if (sea.isSea())
      throw new ConfigError(
        'log.pretty',
        'not available in the single binary; pipe its JSON logs through pino-pretty instead',
      );
    return pino({
      level: config.log.level,
      redact,
      transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } },
    });
  }
  return pino({ level: config.log.level, redact });
}
