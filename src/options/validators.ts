import { ConfigError } from '../errors/config-error';

/** `value` as a whole number of seconds above 0, or a {@link ConfigError} naming `option`. */
export function positiveInteger(value: unknown, option: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new ConfigError(option, `must be a whole number of seconds greater than 0 (got ${String(value)})`);
  }
  return value;
}

/** `value` as a finite number of seconds, 0 or more, or a {@link ConfigError} naming `option`. */
export function nonNegativeNumber(value: unknown, option: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ConfigError(option, `must be a number of seconds, 0 or more (got ${String(value)})`);
  }
  return value;
}

/** `value` as a boolean, or a {@link ConfigError} naming `option`. */
export function booleanOption(value: unknown, option: string): boolean {
  if (typeof value !== 'boolean') throw new ConfigError(option, 'must be true or false');
  return value;
}

/** `value` when absent or a non-empty string, else a {@link ConfigError} naming `option`. */
export function optionalString(value: unknown, option: string): string | undefined {
  if (value !== undefined && (typeof value !== 'string' || value === '')) {
    throw new ConfigError(option, 'must be a non-empty string');
  }
  return value;
}

/** Throws a {@link ConfigError} naming `option` unless `value` is a plain object. */
export function objectOption(value: unknown, option: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError(option, 'must be an object');
}

/** Throws a {@link ConfigError} naming the first key of `value` that is not in `known`: catches typos. */
export function rejectUnknownKeys(value: object, known: readonly string[], prefix: string): void {
  const unknown = Object.keys(value).find((key) => !known.includes(key));
  if (unknown !== undefined) {
    throw new ConfigError(`${prefix}${unknown}`, `is not an option; known: ${known.join(', ')}`);
  }
}
