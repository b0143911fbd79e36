import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
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

/**
 * Seals text into cookie values with AES-256-GCM:
 * `base64url(version | keyId | iv | AES-GCM(expiresAt | text) | tag)`, where the version, key id
 * and cookie name are authenticated as associated data, so a value copied to another cookie
 * name does not open. Synchronous on purpose: values are sealed while response headers go out.
 */
export class CookieSealer {
  readonly #keys: KeyRing;

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
    const header = Buffer.allocUnsafe(HEADER_BYTES);
    header.writeUInt8(SEAL_VERSION, 0);
    header.writeUInt32BE(id, VERSION_BYTES);
    const iv = randomBytes(IV_BYTES);
    const expiry = Buffer.allocUnsafe(EXPIRY_BYTES);
    expiry.writeUIntBE(Math.floor(expiresAt), 0, EXPIRY_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(header, name));
    const body = Buffer.concat([cipher.update(expiry), cipher.update(text, 'utf8'), cipher.final()]);
    return Buffer.concat([header, iv, body, cipher.getAuthTag()]).toString('base64url');
  }

  /**
   * The text sealed in `value` for the cookie `name`, or undefined when the value is malformed,
   * tampered with, sealed for another name or by an unknown key, of another version, or expired
   * at `now` (ms since the epoch). Never throws on client input.
   */
  open(name: string, value: string, now: number): string | undefined {
    if (value.length > MAX_SEALED_LENGTH || !BASE64URL.test(value)) return undefined;
    const bytes = Buffer.from(value, 'base64url');
    if (bytes.length < OVERHEAD || bytes.readUInt8(0) !== SEAL_VERSION) return undefined;
    const key = this.#keys.find(bytes.readUInt32BE(VERSION_BYTES));
    if (key === undefined) return undefined;
    const iv = bytes.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES);
    const tag = bytes.subarray(bytes.length - TAG_BYTES);
    let plain: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(associatedData(bytes.subarray(0, HEADER_BYTES), name));
      decipher.setAuthTag(tag);
      plain = Buffer.concat([decipher.update(bytes.subarray(HEADER_BYTES + IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
    } catch {
      return undefined;
    }
    if (plain.readUIntBE(0, EXPIRY_BYTES) <= now) return undefined;
    return plain.toString('utf8', EXPIRY_BYTES);
  }
}

function associatedData(header: Buffer, name: string): Buffer {
  return Buffer.concat([header, Buffer.from(name, 'utf8')]);
}
