import type { JsonValue } from './json-value';
import type { SlotCodec } from './sealed-slot';

/** Session entries by key; a Map so that keys like `__proto__` are plain data. */
export type SessionEntries = ReadonlyMap<string, JsonValue>;

/** Session data is sealed as one JSON object. */
export const sessionDataCodec: SlotCodec<SessionEntries> = {
  empty: () => new Map(),
  decode: (json) =>
    typeof json === 'object' && json !== null && !Array.isArray(json) ? new Map(Object.entries(json as Record<string, JsonValue>)) : undefined,
  encode: (entries) => JSON.stringify(Object.fromEntries(entries)),
  isEmpty: (entries) => entries.size === 0,
};
