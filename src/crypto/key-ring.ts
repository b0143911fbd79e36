import { createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';

/** One secret's derived key for one purpose, with the short id that sealed values carry. */
export interface DerivedKey {
  /** 32-bit id derived from the secret; tells readers which key sealed a value without trying all. */
  readonly id: number;
  readonly key: KeyObject;
}

/** Fixed HKDF salt: domain separation from any other use of the same secret. */
const SALT = Buffer.from('routing-controllers-jwt-session/v1');

/**
 * The keys derived with HKDF-SHA256 from every configured secret for one purpose: the first
 * secret's key seals, every listed secret's key opens. A derived key never equals the secret.
 */
export class KeyRing {
  /** The key new values are sealed with (from the first secret). */
  readonly primary: DerivedKey;
  readonly #byId = new Map<number, DerivedKey>();

  constructor(secrets: readonly string[], purpose: string) {
    const keys = secrets.map((secret) => derive(secret, purpose));
    for (const key of keys) if (!this.#byId.has(key.id)) this.#byId.set(key.id, key);
    this.primary = keys[0];
  }

  /** The key with this id, if one of the listed secrets has it. */
  find(id: number): DerivedKey | undefined {
    return this.#byId.get(id);
  }
}

function derive(secret: string, purpose: string): DerivedKey {
  const ikm = Buffer.from(secret, 'utf8');
  const key = Buffer.from(hkdfSync('sha256', ikm, SALT, `${purpose}:key`, 32));
  const id = Buffer.from(hkdfSync('sha256', ikm, SALT, `${purpose}:id`, 4)).readUInt32BE(0);
  return { id, key: createSecretKey(key) };
}
