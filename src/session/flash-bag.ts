import type { SlotCodec } from './sealed-slot';

/** Pending flash messages, oldest first, sealed as one JSON array of strings. */
export const flashCodec: SlotCodec<readonly string[]> = {
  empty: () => [],
  decode: (json) => (Array.isArray(json) && json.every((message) => typeof message === 'string') ? json : undefined),
  encode: (messages) => JSON.stringify(messages),
  isEmpty: (messages) => messages.length === 0,
};
