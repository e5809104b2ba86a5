import { redactUrl } from './redact-url.js';

/**
 * A small logger that writes to stderr, so that stdout stays free for data a script reads.
 * Colour only on a TTY and never when `NO_COLOR` is set.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
const COLOURS: Record<LogLevel, string> = { debug: '2', info: '0', warn: '33', error: '31' };

export interface LoggerOptions {
  /** The lowest level written; default `info`. */
  level?: LogLevel;
  /** Where lines go; default `process.stderr`. */
  stream?: { write(chunk: string): unknown; isTTY?: boolean };
  /** Force colour on or off; default: on for a TTY unless `NO_COLOR` is set. */
  colour?: boolean;
}

/** Whether colour should be used on a stream, honouring `NO_COLOR` and `FORCE_COLOR`. */
export function useColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

/** Creates a logger; warnings and errors are prefixed with their level so they stand out in CI logs. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const stream = options.stream ?? process.stderr;
  const min = ORDER[options.level ?? 'info'];
  const colour = options.colour ?? useColour(stream);
  const write = (level: LogLevel, message: string): void => {
    if (ORDER[level] < min) return;
    const prefix = level === 'warn' ? 'warning: ' : level === 'error' ? 'error: ' : '';
    // A URL's password never reaches a log line (see redactUrl).
    const line = `${prefix}${redactUrl(message)}`;
    stream.write(colour && level !== 'info' ? `\u001b[${COLOURS[level]}m${line}\u001b[0m\n` : `${line}\n`);
  };
  return {
    debug: (m) => write('debug', m),
    info: (m) => write('info', m),
    warn: (m) => write('warn', m),
    error: (m) => write('error', m),
  };
}

/** A logger that drops everything, for library calls where the caller wants silence. */
export const silentLogger: Logger = Object.freeze({
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
});
