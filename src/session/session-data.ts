import type { JsonValue } from './json-value';
import type { SlotCodec } from './sealed-slot';

/** Session entries by key; a Map so that keys like `__proto__` are plain data. */
export type SessionEntries = ReadonlyMap<string, JsonValue>;

/** What the session cookie holds: the app's entries and, once asked for, the CSRF token. */
export interface SessionContent {
  readonly entries: SessionEntries;
  readonly csrf: string | undefined;
}

/** The sealed JSON: `{ "d": entries }`, plus `"c": csrfToken` when there is one. */
interface StoredContent {
  d: Record<string, JsonValue>;
  c?: string;
}

function isStoredContent(json: unknown): json is StoredContent {
  if (typeof json !== 'object' || json === null) return false;
  const { d, c } = json as Partial<StoredContent>;
  return typeof d === 'object' && d !== null && !Array.isArray(d) && (c === undefined || typeof c === 'string');
}

/** Session content is sealed as one JSON object. */
export const sessionDataCodec: SlotCodec<SessionContent> = {
  empty: () => ({ entries: new Map(), csrf: undefined }),
  decode: (json) => (isStoredContent(json) ? { entries: new Map(Object.entries(json.d)), csrf: json.c } : undefined),
  encode: ({ entries, csrf }) => {
    const stored: StoredContent = { d: Object.fromEntries(entries) };
    if (csrf !== undefined) stored.c = csrf;
    return JSON.stringify(stored);
  },
  isEmpty: ({ entries, csrf }) => entries.size === 0 && csrf === undefined,
};
