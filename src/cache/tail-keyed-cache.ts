/** Characters of a key's end that index it: 48 bits of a MAC tag or signature in base64url. */
const TAIL_LENGTH = 8;

interface Entry<V> {
  readonly key: string;
  readonly value: V;
  /** When the entry was last made the newest, in writes to the cache. */
  stamp: number;
}

/**
 * A bounded (at most `capacity` entries), least-recently-used cache from long strings that end in a MAC tag or a signature
 * (sealed cookies, JWTs) to values.
 *
 * - **Indexed by the tail.** A `Map` keyed by a string fresh off a request hashes every character
 *   first; the tail of a MAC is unpredictable, so its last characters, folded into a small integer,
 *   index the entry, and the whole key is compared on every read. Keys whose tails fold alike
 *   replace each other (a read is then a miss), never answer for each other.
 * - **Recency in halves.** Moving an entry to the newest place costs a delete and an insert, so a
 *   read moves only an entry older than half the capacity: an entry read is kept for at least
 *   `capacity / 2` more writes.
 */
export class TailKeyedCache<V> {
  readonly #entries = new Map<number, Entry<V>>();
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
    const index = tailIndex(key);
    const entry = this.#entries.get(index);
    if (entry === undefined || entry.key !== key) return undefined;
    if (this.#clock - entry.stamp >= this.#capacity / 2) {
      this.#entries.delete(index);
      this.#add(index, entry);
    }
    return entry.value;
  }

  /**
   * Stores `value` for `key` as the newest entry. Past the capacity the oldest eighth goes at once,
   * so one walk over the oldest entries serves many writes.
   */
  set(key: string, value: V): void {
    const index = tailIndex(key);
    if (this.#entries.has(index)) this.#entries.delete(index);
    this.#add(index, { key, value, stamp: 0 });
    if (this.#entries.size > this.#capacity) this.#evict(Math.max(1, Math.floor(this.#capacity / 8)));
  }

  /** Removes `key`, if it is there. */
  delete(key: string): void {
    const index = tailIndex(key);
    if (this.#entries.get(index)?.key === key) this.#entries.delete(index);
  }

  #evict(count: number): void {
    let left = count;
    for (const index of this.#entries.keys()) {
      this.#entries.delete(index);
      left -= 1;
      if (left === 0) return;
    }
  }

  #add(index: number, entry: Entry<V>): void {
    this.#clock += 1;
    entry.stamp = this.#clock;
    this.#entries.set(index, entry);
  }
}

/** The last {@link TAIL_LENGTH} characters of `key` folded into a 30-bit integer (a V8 small integer). */
function tailIndex(key: string): number {
  let index = 0;
  for (let at = Math.max(0, key.length - TAIL_LENGTH); at < key.length; at += 1) index = (index * 31 + key.charCodeAt(at)) & 0x3fffffff;
  return index;
}
