/** Characters of a key's end that index it: 144 bits of a MAC tag or signature. */
const TAIL_LENGTH = 24;

interface Entry<V> {
  readonly key: string;
  readonly value: V;
  /** When the entry was last made the newest, in writes to the cache. */
  stamp: number;
}

/**
 * A bounded, least-recently-used cache from long strings that end in a MAC tag or a signature
 * (sealed cookies, JWTs) to values.
 *
 * - **Indexed by the tail.** A `Map` keyed by a string fresh off a request hashes every character
 *   first; the tail of a MAC is unpredictable, so it alone is hashed, and the whole key is compared
 *   on every read. Keys sharing a tail replace each other (a read is then a miss), never answer for
 *   each other.
 * - **Recency in halves.** Moving an entry to the newest place costs a delete and an insert, so a
 *   read moves only an entry older than half the capacity: an entry read is kept for at least
 *   `capacity / 2` more writes.
 */
export class TailKeyedCache<V> {
  readonly #entries = new Map<string, Entry<V>>();
  readonly #capacity: number;
  #clock = 0;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** How many entries there are. */
  get size(): number {
    return this.#entries.size;
  }

  /** The value stored for exactly `key`. */
  get(key: string): V | undefined {
    const tail = key.slice(-TAIL_LENGTH);
    const entry = this.#entries.get(tail);
    if (entry === undefined || entry.key !== key) return undefined;
    if (this.#clock - entry.stamp >= this.#capacity / 2) this.#renew(tail, entry);
    return entry.value;
  }

  /**
   * Stores `value` for `key` as the newest entry, dropping the oldest past the capacity. The key is
   * copied: a string cut from a request header would otherwise keep the whole header alive.
   */
  set(key: string, value: V): void {
    const tail = key.slice(-TAIL_LENGTH);
    this.#entries.delete(tail);
    this.#renew(tail, { key: Buffer.from(key, 'utf8').toString('utf8'), value, stamp: 0 });
    if (this.#entries.size > this.#capacity) this.#entries.delete(this.#entries.keys().next().value as string);
  }

  /** Removes `key`, if it is there. */
  delete(key: string): void {
    const tail = key.slice(-TAIL_LENGTH);
    if (this.#entries.get(tail)?.key === key) this.#entries.delete(tail);
  }

  #renew(tail: string, entry: Entry<V>): void {
    this.#clock += 1;
    entry.stamp = this.#clock;
    this.#entries.delete(tail);
    this.#entries.set(tail, entry);
  }
}
