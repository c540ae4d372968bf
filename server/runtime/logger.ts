import pino, { type Logger } from 'pino';
import type { Config } from './config/config.schema.ts';

/**
 * Structured JSON logs (pino); pretty when configured for development. Secrets never reach a
 * log line: these paths are censored wherever they appear.
 */
export function createLogger(config: Pick<Config, 'log'>): Logger {
  const redact = { paths: ['password', '*.password', 'token', '*.token', 'authorization', '*.authorization', 'req.headers.authorization', 'req.headers.cookie', 'phone', '*.phone', 'pin', '*.pin'], censor: '[redacted]' };
  if (config.log.pretty) {
    return pino({ level: config.log.level, redact, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } });
  }
  return pino({ level: config.log.level, redact });
}
