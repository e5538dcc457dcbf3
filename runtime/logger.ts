/**
 * Structured logging for the Lambda functions: one JSON object per line, which CloudWatch Logs keeps
 * and the `cloudwatch_logs` module can subscribe to (lines at `error` level carry `"level":"ERROR"`).
 */

import { safeStringify } from './json';

export type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Writes structured log lines. */
export interface Logger {
  debug(message: string, fields?: Readonly<Record<string, unknown>>): void;
  info(message: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void;
  error(message: string, fields?: Readonly<Record<string, unknown>>): void;
}

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  /** @default process.env.LOG_LEVEL or 'info' */
  readonly level?: Level;
  /** Where lines go. @default process.stdout.write */
  readonly write?: (line: string) => void;
  /** Fields added to every line (function name, cluster...). */
  readonly base?: Readonly<Record<string, unknown>>;
}

function isLevel(value: unknown): value is Level {
  return typeof value === 'string' && value in ORDER;
}

/** Creates a JSON-lines logger. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const envLevel = process.env.LOG_LEVEL?.toLowerCase();
  const threshold = ORDER[options.level ?? (isLevel(envLevel) ? envLevel : 'info')];
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const emit = (level: Level, message: string, fields?: Readonly<Record<string, unknown>>): void => {
    if (ORDER[level] < threshold) return;
    write(
      safeStringify({ level: level.toUpperCase(), time: new Date().toISOString(), message, ...options.base, ...fields }),
    );
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

/** A logger that drops everything (tests, local runs that print their own summary). */
export const silentLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
