import { createCipheriv, createDecipheriv, randomFillSync } from 'node:crypto';
import { TailKeyedCache } from '../cache/tail-keyed-cache';
import type { KeyRing } from './key-ring';

/** Format version, the first byte of every sealed value; a reader rejects versions it does not know. */
export const SEAL_VERSION = 1;
/** Longest cookie value (in characters) worth decrypting: no browser sends a larger cookie. */
export const MAX_SEALED_LENGTH = 4096;

const VERSION_BYTES = 1;
const KEY_ID_BYTES = 4;
const HEADER_BYTES = VERSION_BYTES + KEY_ID_BYTES;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const EXPIRY_BYTES = 6;
const OVERHEAD = HEADER_BYTES + IV_BYTES + EXPIRY_BYTES + TAG_BYTES;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** How many recently opened values are remembered per cookie name, so a cookie sent again is not decrypted again. */
export const OPENED_CACHE_SIZE = 1024;
/** The GCM options of every cipher and decipher: the full 16-byte tag. */
const GCM_OPTIONS = { authTagLength: TAG_BYTES } as const;
/** Random bytes drawn from the CSPRNG in one call and handed out as IVs, each byte once. */
const IV_POOL_BYTES = 4096;

/** A value opened before: its text and when it expires (ms since the epoch). */
interface Opened {
  readonly text: string;
  readonly expiresAt: number;
}

/**
 * Seals text into cookie values with AES-256-GCM:
 * `base64url(version | keyId | iv | AES-GCM(expiresAt | text) | tag)`, where the version, key id
 * and cookie name are authenticated as associated data, so a value copied to another cookie
 * name does not open. Synchronous on purpose: values are sealed while response headers go out.
 */
export class CookieSealer {
  readonly #keys: KeyRing;
  /** Per cookie name, by value: a value only ever opens for the name it was sealed for. */
  readonly #opened = new Map<string, TailKeyedCache<Opened>>();
  /** Associated data per key id, per cookie name. */
  readonly #associated = new Map<number, Map<string, Buffer>>();
  #ivPool = Buffer.alloc(0);
  #ivOffset = 0;

  constructor(keys: KeyRing) {
    this.#keys = keys;
  }

  /** Length in characters of the sealed value of a text of `textBytes` UTF-8 bytes. */
  static sealedLength(textBytes: number): number {
    return Math.ceil(((OVERHEAD + textBytes) * 4) / 3);
  }

  /** Seals `text` for the cookie `name`; it opens until `expiresAt` (ms since the epoch). */
  seal(name: string, text: string, expiresAt: number): string {
    const { id, key } = this.#keys.primary;
    const textBytes = Buffer.byteLength(text, 'utf8');
    const plain = Buffer.allocUnsafe(EXPIRY_BYTES + textBytes);
    plain.writeUIntBE(Math.floor(expiresAt), 0, EXPIRY_BYTES);
    plain.write(text, EXPIRY_BYTES, 'utf8');
    const out = Buffer.allocUnsafe(OVERHEAD + textBytes);
    out.writeUInt8(SEAL_VERSION, 0);
    out.writeUInt32BE(id, VERSION_BYTES);
    const iv = this.#nextIv();
    iv.copy(out, HEADER_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, GCM_OPTIONS);
    cipher.setAAD(this.#associatedData(id, name));
    const body = cipher.update(plain);
    cipher.final();
    body.copy(out, HEADER_BYTES + IV_BYTES);
    cipher.getAuthTag().copy(out, HEADER_BYTES + IV_BYTES + body.length);
    return out.toString('base64url');
  }

  /**
   * The text sealed in `value` for the cookie `name`, or undefined when the value is malformed,
   * tampered with, sealed for another name or by an unknown key, of another version, or expired
   * at `now` (ms since the epoch). Never throws on client input.
   */
  open(name: string, value: string, now: number): string | undefined {
    let opened = this.#opened.get(name);
    if (opened === undefined) {
      opened = new TailKeyedCache(OPENED_CACHE_SIZE);
      this.#opened.set(name, opened);
    }
    const cached = opened.get(value);
    if (cached !== undefined) {
      if (cached.expiresAt > now) return cached.text;
      opened.delete(value);
      return undefined;
    }
    // Only values that once opened are cached, so the shape checks run on a miss alone.
    if (value.length > MAX_SEALED_LENGTH || !BASE64URL.test(value)) return undefined;
    const fresh = this.#decrypt(name, value);
    if (fresh === undefined || fresh.expiresAt <= now) return undefined;
    opened.set(value, fresh);
    return fresh.text;
  }

  #decrypt(name: string, value: string): Opened | undefined {
    const bytes = Buffer.from(value, 'base64url');
    if (bytes.length < OVERHEAD || bytes.readUInt8(0) !== SEAL_VERSION) return undefined;
    const keyId = bytes.readUInt32BE(VERSION_BYTES);
    const key = this.#keys.find(keyId);
    if (key === undefined) return undefined;
    let plain: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.key, bytes.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES), GCM_OPTIONS);
      decipher.setAAD(this.#associatedData(keyId, name));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      plain = decipher.update(bytes.subarray(HEADER_BYTES + IV_BYTES, bytes.length - TAG_BYTES));
      decipher.final();
    } catch {
      return undefined;
    }
    return { expiresAt: plain.readUIntBE(0, EXPIRY_BYTES), text: plain.toString('utf8', EXPIRY_BYTES) };
  }

  /**
   * The associated data of a value: its header (version and key id) and the cookie name. Kept per
   * listed key and cookie name; unknown key ids never get this far.
   */
  #associatedData(keyId: number, name: string): Buffer {
    let byName = this.#associated.get(keyId);
    if (byName === undefined) {
      byName = new Map();
      this.#associated.set(keyId, byName);
    }
    let data = byName.get(name);
    if (data === undefined) {
      const header = Buffer.allocUnsafe(HEADER_BYTES);
      header.writeUInt8(SEAL_VERSION, 0);
      header.writeUInt32BE(keyId, VERSION_BYTES);
      data = Buffer.concat([header, Buffer.from(name, 'utf8')]);
      byName.set(name, data);
    }
    return data;
  }

  /** 12 fresh random bytes: a slice of a pool filled by the CSPRNG, never handed out twice. */
  #nextIv(): Buffer {
    if (this.#ivOffset + IV_BYTES > this.#ivPool.length) {
      this.#ivPool = randomFillSync(Buffer.allocUnsafe(IV_POOL_BYTES));
      this.#ivOffset = 0;
    }
    const iv = this.#ivPool.subarray(this.#ivOffset, this.#ivOffset + IV_BYTES);
    this.#ivOffset += IV_BYTES;
    return iv;
  }
}
