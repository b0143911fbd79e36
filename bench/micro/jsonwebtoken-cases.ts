import { createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { SECRET, TOKEN_CLAIMS, TOKEN_LIFETIME, USERNAME } from '../fixtures';
import type { MicroCase } from './micro-case';
import type { TokenFixtures } from './token-fixtures';

/**
 * jsonwebtoken with the secret as a string (what most apps and express-jwt examples do: it first
 * tries, and fails, to parse the string as a public key) and as a pre-imported KeyObject.
 */
export function jsonwebtokenCases(fixtures: TokenFixtures): MicroCase[] {
  const keyObject = createSecretKey(Buffer.from(SECRET, 'utf8'));
  const payload = { ...TOKEN_CLAIMS, sub: USERNAME };
  const signOptions: jwt.SignOptions = { algorithm: 'HS256', expiresIn: TOKEN_LIFETIME };
  const verifyOptions: jwt.VerifyOptions = { algorithms: ['HS256'] };
  return [
    { name: 'jsonwebtoken: sign (string secret)', group: 'sign', run: () => jwt.sign(payload, SECRET, signOptions) },
    { name: 'jsonwebtoken: sign (KeyObject)', group: 'sign', run: () => jwt.sign(payload, keyObject, signOptions) },
    { name: 'jsonwebtoken: verify (string secret)', group: 'verify', run: () => jwt.verify(fixtures.token, SECRET, verifyOptions) },
    { name: 'jsonwebtoken: verify (KeyObject)', group: 'verify', run: () => jwt.verify(fixtures.token, keyObject, verifyOptions) },
  ];
}
