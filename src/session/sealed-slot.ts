import type { DecodedCache } from '../cache/decoded-cache';
import type { CookieJar } from './cookie-jar';

/** How a slot's value maps to and from JSON. */
export interface SlotCodec<T> {
  /** The value of an absent, unreadable or ill-shaped cookie. */
  empty(): T;
  /** The value held by parsed JSON, or undefined when its shape is wrong. */
  decode(json: unknown): T | undefined;
  /** The JSON text to seal. */
  encode(value: T): string;
  isEmpty(value: T): boolean;
}

/**
 * A value kept in one sealed cookie for one request: opened on first read, replaced whole on
 * write after a size check (so a write that would not fit changes nothing), and turned into a
 * `Set-Cookie` value only when it changed, or, for a rolling slot, also when it was read.
 */
export class SealedSlot<T> {
  readonly #name: string;
  readonly #codec: SlotCodec<T>;
  readonly #jar: CookieJar;
  readonly #rolling: boolean;
  readonly #decoded: DecodedCache<T> | undefined;
  #value: T | undefined;
  /** Text of a non-empty value opened from the request cookie, re-sealed by a rolling slot. */
  #openedText: string | undefined;
  /** Sealed text of a changed, non-empty value; undefined while unchanged or empty. */
  #text: string | undefined;
  #changed = false;
  #discarded = false;

  /**
   * @param decoded - values decoded before, shared across requests: only for a codec whose values
   *   are never changed in place.
   */
  constructor(name: string, codec: SlotCodec<T>, jar: CookieJar, options: { rolling?: boolean; decoded?: DecodedCache<T> } = {}) {
    this.#name = name;
    this.#codec = codec;
    this.#jar = jar;
    this.#rolling = options.rolling ?? false;
    this.#decoded = options.decoded;
  }

  /** The current value; do not mutate it, pass a new one to {@link SealedSlot.replace}. */
  get value(): T {
    this.#value ??= this.#read();
    return this.#value;
  }

  /** Makes `next` the value. @throws {@link SessionTooLargeError} when it would not fit the cookie. */
  replace(next: T): void {
    const text = this.#codec.isEmpty(next) ? undefined : this.#codec.encode(next);
    if (text !== undefined) this.#jar.assertSealedFits(this.#name, text);
    this.#value = next;
    this.#text = text;
    this.#changed = true;
  }

  /** Empties the value and deletes the cookie, even one this request did not send. */
  discard(): void {
    this.replace(this.#codec.empty());
    this.#discarded = true;
  }

  /** The `Set-Cookie` value that stores the change, or undefined when nothing needs sending. */
  setCookie(): string | undefined {
    if (!this.#changed) {
      return this.#rolling && this.#openedText !== undefined ? this.#jar.sealed(this.#name, this.#openedText) : undefined;
    }
    if (this.#text !== undefined) return this.#jar.sealed(this.#name, this.#text);
    return this.#discarded || this.#jar.raw(this.#name) !== undefined ? this.#jar.expired(this.#name) : undefined;
  }

  #read(): T {
    const text = this.#jar.open(this.#name);
    const value = text === undefined ? undefined : (this.#decoded?.get(text) ?? this.#decode(text));
    if (value === undefined) return this.#codec.empty();
    this.#openedText = text;
    return value;
  }

  /** The non-empty value `text` holds, or undefined. */
  #decode(text: string): T | undefined {
    let value: T | undefined;
    try {
      value = this.#codec.decode(JSON.parse(text));
    } catch {
      return undefined;
    }
    if (value === undefined || this.#codec.isEmpty(value)) return undefined;
    this.#decoded?.set(text, value);
    return value;
  }
}
