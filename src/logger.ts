// The process logger: pino JSON, pretty in a terminal; secrets and personal contact data redacted.
import { createRequire } from 'node:module';
import pino, { type Logger } from 'pino';
import type { Config } from './config.js';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  '*.password',
  '*.apiKey',
  '*.secret',
  // personal data of named contacts
  'contacts[*].email',
  'contacts[*].phone',
  '*.contacts[*].email',
  '*.contacts[*].phone',
];

export function createLogger(config: Pick<Config, 'LOG_LEVEL' | 'LOG_FORMAT'>): Logger {
  const wanted =
    config.LOG_FORMAT === 'pretty' || (config.LOG_FORMAT === 'auto' && process.stdout.isTTY === true);
  const pretty = wanted && prettyPrinterInstalled();
  return pino({
    level: config.LOG_LEVEL,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' },
          },
        }
      : {}),
  });
}

// pino-pretty is a development dependency: a production image logs JSON even in a terminal.
function prettyPrinterInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}
