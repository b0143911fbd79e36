import { createSecretKey, type KeyObject } from 'node:crypto';
import { SECRET } from '../../fixtures';

/** The flag that makes an alternative stack verify JWTs with a pre-imported KeyObject. */
export const KEY_OBJECT_FLAG = '--key-object';

/**
 * The JWT secret as this server was asked to hold it: the string most apps pass, or a KeyObject
 * (jsonwebtoken given a string tries to parse it as a public key first, and that costs).
 */
export function jwtSecret(): string | KeyObject {
  return process.argv.includes(KEY_OBJECT_FLAG) ? createSecretKey(Buffer.from(SECRET, 'utf8')) : SECRET;
}
