import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * The process logger. Conversation text and tokens never reach it: callers log ids, sizes and
 * outcomes only, and the redaction below is a second line of defence.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ['text', 'token', '*.text', '*.token', 'req.headers.authorization', 'headers.authorization', 'apiKey'],
      censor: '[redacted]',
    },
  });
}
