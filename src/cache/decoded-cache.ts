/**
 * Values decoded from texts (sealed cookies opened to JSON), by text, so a cookie sent again is not
 * parsed again. Bounded: past its capacity the oldest entry goes. A cached value is shared by every
 * request that sends the same text, so it must never be changed in place.
 */
export class DecodedCache<V> {
  readonly #entries = new Map<string, V>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** How many entries there are. */
  get size(): number {
    return this.#entries.size;
  }

  /** The value decoded from `text`, if cached. */
  get(text: string): V | undefined {
    return this.#entries.get(text);
  }

  /** Remembers that `text` decodes to `value`. */
  set(text: string, value: V): void {
    this.#entries.set(text, value);
    if (this.#entries.size > this.#capacity) this.#entries.delete(this.#entries.keys().next().value as string);
  }
}
