import { isJsonValue, type JsonValue } from './json-value';
import type { SlotCodec } from './sealed-slot';

/**
 * One pending flash message and its category.
 *
 * @example
 * ```ts
 * @Get('/notices')
 * notices(@Session() session: SessionHandle) {
 *   return session.flashEntries().map(({ category, message }) => ({ kind: category ?? 'info', message }));
 * }
 * ```
 */
export interface FlashEntry {
  /** The category given to `flash`, such as `'error'`; undefined when none was given. */
  readonly category: string | undefined;
  /** The message: a string, or any JSON value. */
  readonly message: JsonValue;
}

/** A sealed entry: `[message]` or `[message, category]`. */
type StoredEntry = [JsonValue] | [JsonValue, string];

function isStoredEntry(value: unknown): value is StoredEntry {
  return (
    Array.isArray(value) &&
    (value.length === 1 || (value.length === 2 && typeof value[1] === 'string')) &&
    isJsonValue(value[0])
  );
}

/** Pending flash messages, oldest first, sealed as one JSON array. */
export const flashCodec: SlotCodec<readonly FlashEntry[]> = {
  empty: () => [],
  decode: (json) =>
    Array.isArray(json) && json.every(isStoredEntry)
      ? json.map(([message, category]) => ({ message, category }))
      : undefined,
  encode: (entries) =>
    JSON.stringify(entries.map(({ message, category }): StoredEntry => (category === undefined ? [message] : [message, category]))),
  isEmpty: (entries) => entries.length === 0,
};
