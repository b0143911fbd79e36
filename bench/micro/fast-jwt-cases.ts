import { createSigner, createVerifier } from 'fast-jwt';
import { SECRET, TOKEN_CLAIMS, TOKEN_LIFETIME, USERNAME } from '../fixtures';
import type { MicroCase } from './micro-case';
import { cycle, type TokenFixtures } from './token-fixtures';

/** fast-jwt, without its verified-token cache and with it (on a miss and on a repeat). */
export function fastJwtCases(fixtures: TokenFixtures): MicroCase[] {
  const sign = createSigner({ key: SECRET, algorithm: 'HS256', expiresIn: TOKEN_LIFETIME * 1000 });
  const verify = createVerifier({ key: SECRET, algorithms: ['HS256'] });
  const cached = createVerifier({ key: SECRET, algorithms: ['HS256'], cache: true });
  const nextToken = cycle(fixtures.pool);
  const payload = { ...TOKEN_CLAIMS, sub: USERNAME };
  return [
    { name: 'fast-jwt: sign', group: 'sign', run: () => sign(payload) },
    { name: 'fast-jwt: verify (no cache)', group: 'verify', run: () => verify(fixtures.token) },
    { name: 'fast-jwt: verify (cache, miss)', group: 'verify', run: () => cached(nextToken()) },
    { name: 'fast-jwt: verify (cache, repeat)', group: 'verify', run: () => cached(fixtures.token) },
  ];
}
