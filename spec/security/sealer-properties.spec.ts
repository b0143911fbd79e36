import { expect } from 'chai';
import fc from 'fast-check';
import { CookieSealer, MAX_SEALED_LENGTH } from '../../src/crypto/cookie-sealer';
import { KeyRing } from '../../src/crypto/key-ring';
import { SECRET } from '../support/secrets';
import { applyMutation, BASE64URL_ALPHABET, mutationOf, type Mutation } from './support/mutations';

const RUNS = 10_000;
const NOW = Date.UTC(2026, 0, 1);
const NAME = 'jwtSession';
const sealer = new CookieSealer(new KeyRing([SECRET], 'cookie'));

/**
 * Genuine sealed values whose byte lengths leave 0, 1 and 2 bytes over a multiple of 3, so their
 * base64url ends in each of the three ways (no spare bits, 4 spare bits, 2 spare bits).
 */
const TEXTS = ['{"d":{"a":1}}', '{"d":{"ab":1}}', '{"d":{"abc":1}}', JSON.stringify({ d: { cart: ['apple', 'pear'], n: 2017 } })];
const GENUINE = TEXTS.map((text) => ({ text, value: sealer.seal(NAME, text, NOW + 60_000) }));

/**
 * Whether `mutated` is the same sealed value as `original`: base64url that the sealer reads as the
 * same bytes. Node's decoder ignores the unused low bits of the last character and a dangling sixth
 * bit-group, so a few strings other than `original` decode to its bytes: these are not mutations.
 */
function sameBytes(mutated: string, original: string): boolean {
  return (
    mutated.length <= MAX_SEALED_LENGTH &&
    /^[A-Za-z0-9_-]+$/.test(mutated) &&
    Buffer.from(mutated, 'base64url').equals(Buffer.from(original, 'base64url'))
  );
}

describe('CookieSealer.open properties (fast-check)', function () {
  this.timeout(60_000);

  it(`never throws and opens nothing for ${RUNS} random strings of any characters`, () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (value) => {
        expect(sealer.open(NAME, value, NOW)).to.equal(undefined);
      }),
      { numRuns: RUNS },
    );
  });

  it(`never throws and opens nothing for ${RUNS} random byte strings, base64url-encoded`, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        expect(sealer.open(NAME, Buffer.from(bytes).toString('base64url'), NOW)).to.equal(undefined);
      }),
      { numRuns: RUNS },
    );
  });

  it(`opens nothing for ${RUNS} random bodies behind a genuine version and key id, which reach AES-GCM`, () => {
    const header = Buffer.from(GENUINE[0].value, 'base64url').subarray(0, 5);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 300 }), (body) => {
        expect(sealer.open(NAME, Buffer.concat([header, body]).toString('base64url'), NOW)).to.equal(undefined);
      }),
      { numRuns: RUNS },
    );
  });

  it(`opens none of ${RUNS} random mutations of genuine values, except those that decode to the same bytes`, () => {
    const seen = { mutated: 0, sameBytes: 0 };
    fc.assert(
      fc.property(fc.constantFrom(...GENUINE), mutationOf(BASE64URL_ALPHABET), ({ text, value }, mutation: Mutation) => {
        const mutated = applyMutation(value, mutation);
        fc.pre(mutated !== value);
        const opened = sealer.open(NAME, mutated, NOW);
        if (sameBytes(mutated, value)) {
          seen.sameBytes += 1;
          expect(opened, 'a re-encoding of the same bytes').to.equal(text);
        } else {
          seen.mutated += 1;
          expect(opened, `mutation ${JSON.stringify(mutation)}`).to.equal(undefined);
        }
      }),
      { numRuns: RUNS },
    );
    // Both branches ran: the exception is exercised, not just allowed.
    expect(seen.mutated).to.be.above(RUNS * 0.9);
    expect(seen.sameBytes).to.be.above(0);
  });

  it(`opens none of ${RUNS} genuine values with one random bit of their bytes flipped`, () => {
    fc.assert(
      fc.property(fc.constantFrom(...GENUINE), fc.nat(), fc.integer({ min: 0, max: 7 }), ({ value }, at, bit) => {
        const bytes = Buffer.from(value, 'base64url');
        bytes[at % bytes.length] ^= 1 << bit;
        expect(sealer.open(NAME, bytes.toString('base64url'), NOW)).to.equal(undefined);
      }),
      { numRuns: RUNS },
    );
  });

  it('decodes exactly these re-encodings of a value to its bytes: the last character\'s unused bits, and one dangling character', () => {
    const byRemainder = new Map(GENUINE.map(({ value }) => [Buffer.from(value, 'base64url').length % 3, value]));
    expect([...byRemainder.keys()].sort()).to.deep.equal([0, 1, 2]);
    const twins = (value: string) =>
      [...BASE64URL_ALPHABET].map((char) => `${value.slice(0, -1)}${char}`).filter((twin) => twin !== value && sameBytes(twin, value)).length;
    // 2 bytes over: 3 characters carry 16 bits, so the last one has 2 unused bits (3 twins).
    expect(twins(byRemainder.get(2) ?? '')).to.equal(3);
    // 1 byte over: 2 characters carry 8 bits, so the last one has 4 unused bits (15 twins).
    expect(twins(byRemainder.get(1) ?? '')).to.equal(15);
    // No byte over: the last character is full, and any one character appended dangles and is dropped.
    const full = byRemainder.get(0) ?? '';
    expect(twins(full)).to.equal(0);
    expect(sealer.open(NAME, `${full}A`, NOW)).to.equal(sealer.open(NAME, full, NOW));
  });
});
