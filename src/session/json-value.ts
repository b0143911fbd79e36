/**
 * A value that survives `JSON.stringify` and `JSON.parse` unchanged: what sessions and claims hold.
 *
 * @example
 * ```ts
 * const preferences: JsonValue = { theme: 'dark', pageSize: 50, tags: ['news', 'sport'] };
 * session.set('preferences', preferences);
 * session.set('lastSeen', new Date().toISOString()); // a Date itself is not a JsonValue: store its string
 * ```
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * Whether `value` is a {@link JsonValue}: strings, finite numbers, booleans, null, arrays and
 * plain objects of them. Dates, Maps, class instances, undefined and functions are not, since
 * they would come back changed (or not at all) from the cookie.
 */
export function isJsonValue(value: unknown, depth = 0): value is JsonValue {
  if (depth > 64) return false;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) return value.every((item) => isJsonValue(item, depth + 1));
      const prototype: unknown = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return false;
      return Object.values(value).every((item) => isJsonValue(item, depth + 1));
    }
    default:
      return false;
  }
}

/**
 * A deep copy of a JSON value: primitives as they are, arrays and objects rebuilt, so a caller
 * may change the copy freely. A `__proto__` key is copied as an own property, as `JSON.parse` makes it.
 */
export function copyJson<V extends JsonValue>(value: V): V {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyJson) as V;
  const copy: { [key: string]: JsonValue } = {};
  for (const key of Object.keys(value)) {
    const item = copyJson(value[key]);
    if (key === '__proto__') Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
    else copy[key] = item;
  }
  return copy as V;
}
