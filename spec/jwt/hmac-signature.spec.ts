import { createHmac, createSecretKey } from 'node:crypto';
import { expect } from 'chai';
import { hmacSignatureMatches, isHmacAlgorithm } from '../../src/jwt/hmac-signature';
import { SECRET } from '../support/secrets';

const KEY = createSecretKey(Buffer.from(SECRET, 'utf8'));
const INPUT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9';

describe('hmac-signature', () => {
  it('knows HS256, HS384 and HS512 as HMAC algorithms, and nothing else', () => {
    expect(['HS256', 'HS384', 'HS512'].map(isHmacAlgorithm)).to.deep.equal([true, true, true]);
    expect(['RS256', 'ES256', 'none', 'hs256', 'toString', '__proto__'].map(isHmacAlgorithm)).to.deep.equal([false, false, false, false, false, false]);
  });

  for (const [algorithm, hash] of [['HS256', 'sha256'], ['HS384', 'sha384'], ['HS512', 'sha512']]) {
    it(`accepts the ${hash} HMAC of the signing input for ${algorithm}, and refuses other hashes' signatures`, () => {
      const signature = createHmac(hash, SECRET).update(INPUT).digest('base64url');
      expect(hmacSignatureMatches(algorithm, KEY, INPUT, signature)).to.equal(true);
      const other = hash === 'sha256' ? 'sha512' : 'sha256';
      expect(hmacSignatureMatches(algorithm, KEY, INPUT, createHmac(other, SECRET).update(INPUT).digest('base64url'))).to.equal(false);
    });
  }

  it('refuses a changed input, another key, a truncated or padded signature, and a re-encoding of the same bytes', () => {
    const signature = createHmac('sha256', SECRET).update(INPUT).digest('base64url');
    expect(hmacSignatureMatches('HS256', KEY, `${INPUT}x`, signature)).to.equal(false);
    expect(hmacSignatureMatches('HS256', createSecretKey(Buffer.from(`${SECRET}!`)), INPUT, signature)).to.equal(false);
    expect(hmacSignatureMatches('HS256', KEY, INPUT, signature.slice(0, -1))).to.equal(false);
    expect(hmacSignatureMatches('HS256', KEY, INPUT, `${signature}=`)).to.equal(false);
    expect(hmacSignatureMatches('HS256', KEY, INPUT, '')).to.equal(false);
    const twin = Buffer.from(signature, 'base64url').toString('base64');
    expect(Buffer.from(twin, 'base64').equals(Buffer.from(signature, 'base64url'))).to.equal(true);
    expect(hmacSignatureMatches('HS256', KEY, INPUT, twin)).to.equal(false);
  });
});
