import { createHmac, timingSafeEqual, type KeyObject } from 'node:crypto';

const HASHES: Readonly<Record<string, string>> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

/** Whether `algorithm` is one of the HMAC JWS algorithms (HS256, HS384, HS512). */
export function isHmacAlgorithm(algorithm: string): boolean {
  return Object.hasOwn(HASHES, algorithm);
}

/**
 * Whether `signature` is exactly the base64url HMAC of `signingInput`, compared in constant time.
 * Characters are compared, not decoded bytes, so no re-encoding of a signature is accepted.
 */
export function hmacSignatureMatches(algorithm: string, key: KeyObject, signingInput: string, signature: string): boolean {
  const expected = Buffer.from(createHmac(HASHES[algorithm], key).update(signingInput).digest('base64url'));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
