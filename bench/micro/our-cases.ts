import { CookieSealer } from '../../src/crypto/cookie-sealer';
import { KeyRing } from '../../src/crypto/key-ring';
import { SECRET, SESSION_DATA, TOKEN_CLAIMS, TOKEN_LIFETIME, USERNAME } from '../fixtures';
import type { MicroCase } from './micro-case';
import { cycle, ourTokenService, type TokenFixtures } from './token-fixtures';

/** The cookie name sealed values are bound to (the library's default session cookie). */
const COOKIE = 'jwtSession';

/**
 * This library's sealer and token service, built as `SessionManager.configure` builds them. Both
 * remember recent results (opened values, verified tokens), so each read is timed twice: cycling
 * through as many distinct values as the token pool holds (every call a cache miss: real crypto),
 * and repeating one value (what a browser sending the same cookie and token again costs).
 */
export function ourCases(fixtures: TokenFixtures): MicroCase[] {
  const sealer = new CookieSealer(new KeyRing([SECRET], 'cookie'));
  const text = JSON.stringify(SESSION_DATA);
  const expiresAt = Date.now() + TOKEN_LIFETIME * 1000;
  // Same text, a fresh IV each time: distinct values.
  const sealedPool = fixtures.pool.map(() => sealer.seal(COOKIE, text, expiresAt));
  const nextSealed = cycle(sealedPool);
  const tokens = ourTokenService();
  const nextToken = cycle(fixtures.pool);
  return [
    { name: 'ours: CookieSealer.seal', group: 'seal', run: () => sealer.seal(COOKIE, text, expiresAt) },
    { name: 'ours: CookieSealer.open (cache miss)', group: 'unseal', run: () => sealer.open(COOKIE, nextSealed(), Date.now()) },
    { name: 'ours: CookieSealer.open (repeat)', group: 'unseal', run: () => sealer.open(COOKIE, sealedPool[0], Date.now()) },
    { name: 'ours: TokenService.sign', group: 'sign', run: () => tokens.sign(USERNAME, TOKEN_LIFETIME, TOKEN_CLAIMS) },
    { name: 'ours: TokenService.verify (cache miss)', group: 'verify', run: () => tokens.verify(nextToken()) },
    { name: 'ours: TokenService.verify (repeat)', group: 'verify', run: () => tokens.verify(fixtures.token) },
  ];
}
