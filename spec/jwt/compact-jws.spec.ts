import { expect } from 'chai';
import { InvalidTokenError } from '../../src/errors/token-errors';
import { decodeJsonSegment, parseCompactJws } from '../../src/jwt/compact-jws';

function segment(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('parseCompactJws', () => {
  const header = segment({ alg: 'HS256', typ: 'JWT', kid: 'k1' });
  const payload = segment({ sub: 'admin' });

  it('splits a token into its signing input, payload and signature, and reads alg and kid', () => {
    expect(parseCompactJws(`${header}.${payload}.c2ln`)).to.deep.equal({
      signingInput: `${header}.${payload}`,
      payload,
      signature: 'c2ln',
      alg: 'HS256',
      kid: 'k1',
    });
  });

  it('keeps an alg of any type for the caller to refuse, and ignores a kid that is not a string', () => {
    const parsed = parseCompactJws(`${segment({ alg: ['HS256'], kid: 7 })}.${payload}.`);
    expect(parsed.alg).to.deep.equal(['HS256']);
    expect(parsed.kid).to.equal(undefined);
  });

  for (const token of ['', 'abc', `${header}.${payload}`, `${header}.${payload}.sig.more`, `.${payload}.sig`, `${header}.${payload}..`]) {
    it(`refuses ${JSON.stringify(token.slice(0, 24))}…, which has not three segments with a header`, () => {
      expect(() => parseCompactJws(token)).to.throw(InvalidTokenError, 'three dot-separated segments');
    });
  }

  it('refuses a header that is not a JSON object', () => {
    for (const bad of ['bm90IGpzb24', segment([1, 2]), segment('HS256'), segment(null)]) {
      expect(() => parseCompactJws(`${bad}.${payload}.sig`)).to.throw(InvalidTokenError, 'header is not a base64url-encoded JSON object');
    }
  });

  it('refuses a header listing critical extensions, even an empty list', () => {
    for (const crit of [['b64'], []]) {
      expect(() => parseCompactJws(`${segment({ alg: 'HS256', crit })}.${payload}.sig`)).to.throw(InvalidTokenError, '"crit"');
    }
  });
});

describe('decodeJsonSegment', () => {
  it('decodes a base64url JSON object', () => {
    expect(decodeJsonSegment(segment({ sub: 'ü', n: 1 }), 'payload')).to.deep.equal({ sub: 'ü', n: 1 });
  });

  it('refuses, naming the part, anything that is not a JSON object', () => {
    for (const bad of ['', '!!!', segment(42), segment([{}]), segment(null)]) {
      expect(() => decodeJsonSegment(bad, 'payload')).to.throw(InvalidTokenError, 'The token payload is not');
    }
  });
});
