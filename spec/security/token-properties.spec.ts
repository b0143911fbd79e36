import { generateKeyPairSync } from 'node:crypto';
import { expect } from 'chai';
import fc from 'fast-check';
import { InvalidTokenError, TokenExpiredError } from '../../src/errors/token-errors';
import type { TokenClaims } from '../../src/jwt/token-claims';
import type { TokenService } from '../../src/jwt/token-service';
import type { SessionManagerOptions } from '../../src/options/session-options';
import { tokenService } from '../support/token-service';
import { applyMutation, BASE64URL_ALPHABET, mutationOf, type Mutation } from './support/mutations';

const RUNS = 10_000;
const T0 = Date.UTC(2026, 0, 1);

function service(options: SessionManagerOptions = {}): TokenService {
  return tokenService(options, () => T0);
}

/** What `verify` did: the claims it accepted, or the error it threw, which must be one of the library's two. */
function outcome(tokens: TokenService, token: string): { accepted: TokenClaims } | { refused: Error } {
  try {
    return { accepted: tokens.verify(token) };
  } catch (error) {
    if (!(error instanceof InvalidTokenError || error instanceof TokenExpiredError)) {
      throw new Error(`verify threw ${String(error)} for ${JSON.stringify(token)}`, { cause: error });
    }
    return { refused: error };
  }
}

const segment = (value: unknown) => Buffer.from(JSON.stringify(value) ?? 'null').toString('base64url');

/**
 * Whether `mutated` is `original` for a verifier: the same signing input (header and payload segments
 * are signed as the exact characters sent) and a signature segment of base64url that decodes to the
 * same bytes (Node's decoder ignores the unused bits of the last character, and a dangling one).
 */
function sameToken(mutated: string, original: string): boolean {
  const [header, payload, signature, ...rest] = mutated.split('.');
  const [oHeader, oPayload, oSignature] = original.split('.');
  return (
    rest.length === 0 &&
    header === oHeader &&
    payload === oPayload &&
    signature !== undefined &&
    /^[A-Za-z0-9_-]+$/.test(signature) &&
    Buffer.from(signature, 'base64url').equals(Buffer.from(oSignature, 'base64url'))
  );
}

describe('TokenService.verify properties (fast-check)', function () {
  this.timeout(60_000);
  const hs = service();
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const es = service({ jwt: { algorithm: 'ES256', privateKey: ec.privateKey } });

  it(`throws only InvalidTokenError for ${RUNS} random strings of any characters`, () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (token) => {
        const result = outcome(hs, token);
        expect(result).to.have.property('refused').that.is.instanceOf(InvalidTokenError);
      }),
      { numRuns: RUNS },
    );
  });

  it(`refuses ${RUNS} random three-segment tokens of random JSON and random signature bytes, with typed errors only`, () => {
    const header = fc.record(
      { alg: fc.constantFrom('HS256', 'hs256', 'none', 'ES256', 'RS256', ''), typ: fc.constant('JWT'), kid: fc.string() },
      { requiredKeys: [] },
    );
    const payload = fc.oneof(
      fc.jsonValue(),
      fc.record({ sub: fc.oneof(fc.string(), fc.jsonValue()), iat: fc.oneof(fc.integer(), fc.jsonValue()), exp: fc.oneof(fc.integer(), fc.jsonValue()) }),
    );
    fc.assert(
      fc.property(fc.oneof(header, fc.jsonValue()), payload, fc.uint8Array({ maxLength: 80 }), (h, p, signature) => {
        const token = `${segment(h)}.${segment(p)}.${Buffer.from(signature).toString('base64url')}`;
        expect(outcome(hs, token)).to.have.property('refused');
        expect(outcome(es, token)).to.have.property('refused');
      }),
      { numRuns: RUNS },
    );
  });

  it(`refuses every one of ${RUNS} random mutations of a genuine HS256 token, with typed errors only`, () => {
    const genuine = hs.sign('alice', 600, { role: 'editor' });
    expect(outcome(hs, genuine)).to.have.property('accepted');
    fc.assert(
      fc.property(mutationOf(`${BASE64URL_ALPHABET}.`), (mutation: Mutation) => {
        const mutated = applyMutation(genuine, mutation);
        fc.pre(mutated !== genuine);
        // Stricter than "same bytes": HMAC signatures are compared as the characters sent.
        expect(outcome(hs, mutated), `mutation ${JSON.stringify(mutation)}`).to.have.property('refused');
      }),
      { numRuns: RUNS },
    );
  });

  it(`refuses every one of ${RUNS} random mutations of a genuine ES256 token, except re-encodings of the same signature bytes`, () => {
    const genuine = es.sign('alice', 600, { role: 'editor' });
    expect(outcome(es, genuine)).to.have.property('accepted');
    const seen = { mutated: 0, sameToken: 0, sameTokenAccepted: 0 };
    fc.assert(
      fc.property(mutationOf(`${BASE64URL_ALPHABET}.`), (mutation: Mutation) => {
        const mutated = applyMutation(genuine, mutation);
        fc.pre(mutated !== genuine);
        const result = outcome(es, mutated);
        if (sameToken(mutated, genuine)) {
          seen.sameToken += 1;
          if ('accepted' in result) seen.sameTokenAccepted += 1;
        } else {
          seen.mutated += 1;
          expect(result, `mutation ${JSON.stringify(mutation)}`).to.have.property('refused');
        }
      }),
      { numRuns: RUNS },
    );
    expect(seen.mutated).to.be.above(RUNS * 0.9);
    // The exception is exercised: ES signatures are decoded before checking, so these open.
    expect(seen.sameToken).to.be.above(0);
    expect(seen.sameTokenAccepted).to.equal(seen.sameToken);
  });

  it('accepts exactly the 15 re-encodings of an ES256 signature\'s last character that decode to the same bytes, and none for HS256', () => {
    const twins = (tokens: TokenService, genuine: string) =>
      [...BASE64URL_ALPHABET]
        .map((char) => `${genuine.slice(0, -1)}${char}`)
        .filter((twin) => twin !== genuine && 'accepted' in outcome(tokens, twin));
    // 64 signature bytes take 86 characters: the last carries 2 bits and 4 unused ones.
    const esToken = es.sign('alice');
    expect(twins(es, esToken).every((twin) => sameToken(twin, esToken))).to.equal(true);
    expect(twins(es, esToken)).to.have.length(15);
    expect(twins(hs, hs.sign('alice'))).to.have.length(0);
  });
});
