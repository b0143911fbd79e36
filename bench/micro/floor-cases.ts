import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { SECRET, SESSION_DATA } from '../fixtures';
import type { MicroCase } from './micro-case';
import type { TokenFixtures } from './token-fixtures';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The least node:crypto work a sealed cookie or an HS256 token can cost: bytes in, bytes out, no
 * encoding, no parsing, no checks. The targets are ratios to these.
 */
export function floorCases(tokens: TokenFixtures): MicroCase[] {
  const aesKey = randomBytes(32);
  const plain = Buffer.from(JSON.stringify(SESSION_DATA), 'utf8');
  const sealed = encrypt(aesKey, plain);
  const hmacKey = Buffer.from(SECRET, 'utf8');
  const dot = tokens.token.lastIndexOf('.');
  const signingInput = tokens.token.slice(0, dot);
  const signature = Buffer.from(tokens.token.slice(dot + 1), 'base64url');
  return [
    { name: 'floor: AES-256-GCM encrypt', group: 'seal', run: () => encrypt(aesKey, plain) },
    { name: 'floor: AES-256-GCM decrypt', group: 'unseal', run: () => decrypt(aesKey, sealed) },
    { name: 'floor: HMAC-SHA256 sign', group: 'sign', run: () => createHmac('sha256', hmacKey).update(signingInput).digest() },
    {
      name: 'floor: HMAC-SHA256 verify',
      group: 'verify',
      run: () => timingSafeEqual(createHmac('sha256', hmacKey).update(signingInput).digest(), signature),
    },
  ];
}

function encrypt(key: Buffer, plain: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  return Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

function decrypt(key: Buffer, sealed: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
}
