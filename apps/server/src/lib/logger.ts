import { pino } from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs on stdout; request ids are added per request by Fastify. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'uplift' }, timestamp: pino.stdTimeFunctions.isoTime });
}
