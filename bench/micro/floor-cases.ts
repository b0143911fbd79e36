import { createCipheriv, createDecipheriv, createHmac, randomBytes, randomFillSync, timingSafeEqual } from 'node:crypto';
import { SECRET, SESSION_DATA } from '../fixtures';
import type { MicroCase } from './micro-case';
import type { TokenFixtures } from './token-fixtures';

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** IVs are cut from one CSPRNG draw of this size: the cheapest way to get fresh IVs. */
const IV_POOL_BYTES = 4096;

/**
 * The least node:crypto work a sealed cookie or an HS256 token can cost: bytes in, bytes out, no
 * encoding, no parsing, no checks. The targets are ratios to these.
 */
export function floorCases(tokens: TokenFixtures): MicroCase[] {
  const aesKey = randomBytes(32);
  const plain = Buffer.from(JSON.stringify(SESSION_DATA), 'utf8');
  const nextIv = ivSource();
  const sealed = encrypt(aesKey, nextIv(), plain);
  const hmacKey = Buffer.from(SECRET, 'utf8');
  const dot = tokens.token.lastIndexOf('.');
  const signingInput = tokens.token.slice(0, dot);
  const signature = Buffer.from(tokens.token.slice(dot + 1), 'base64url');
  return [
    { name: 'floor: AES-256-GCM encrypt', group: 'seal', run: () => encrypt(aesKey, nextIv(), plain) },
    { name: 'floor: AES-256-GCM decrypt', group: 'unseal', run: () => decrypt(aesKey, sealed) },
    { name: 'floor: HMAC-SHA256 sign', group: 'sign', run: () => createHmac('sha256', hmacKey).update(signingInput).digest() },
    {
      name: 'floor: HMAC-SHA256 verify',
      group: 'verify',
      run: () => timingSafeEqual(createHmac('sha256', hmacKey).update(signingInput).digest(), signature),
    },
  ];
}

/** Fresh 12-byte IVs, each cut once from a pool the CSPRNG refills. */
function ivSource(): () => Buffer {
  let pool = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset + IV_BYTES > pool.length) {
      pool = randomFillSync(Buffer.allocUnsafe(IV_POOL_BYTES));
      offset = 0;
    }
    offset += IV_BYTES;
    return pool.subarray(offset - IV_BYTES, offset);
  };
}

function encrypt(key: Buffer, iv: Buffer, plain: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  return Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

function decrypt(key: Buffer, sealed: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
}
