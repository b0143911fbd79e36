import { expect } from 'chai';
import type { TokenClaims } from '../../src/jwt/token-claims';
import { VerifiedTokenCache } from '../../src/jwt/verified-token-cache';

const claims = (sub: string, exp: number): TokenClaims => ({ sub, iat: 0, exp });

describe('VerifiedTokenCache', () => {
  it('returns the claims of a cached token before its exp', () => {
    const cache = new VerifiedTokenCache(4);
    cache.set('t', claims('a', 100));
    expect(cache.get('t', 99, 0)?.sub).to.equal('a');
    expect(cache.get('other', 99, 0)).to.equal(undefined);
  });

  it('never returns a token at or past its exp, allowing the clock tolerance', () => {
    const cache = new VerifiedTokenCache(4);
    cache.set('t', claims('a', 100));
    expect(cache.get('t', 104, 5)?.sub).to.equal('a');
    expect(cache.get('t', 105, 5)).to.equal(undefined);
    expect(cache.size, 'an expired entry is dropped').to.equal(0);
  });

  it('keeps at most its capacity, evicting the least recently used', () => {
    const cache = new VerifiedTokenCache(2);
    cache.set('a', claims('a', 100));
    cache.set('b', claims('b', 100));
    cache.get('a', 0, 0);
    cache.set('c', claims('c', 100));
    expect(cache.size).to.equal(2);
    expect(cache.get('b', 0, 0)).to.equal(undefined);
    expect(cache.get('a', 0, 0)?.sub).to.equal('a');
    expect(cache.get('c', 0, 0)?.sub).to.equal('c');
  });
});
