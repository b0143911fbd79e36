import { expect } from 'chai';
import { CookieSealer, MAX_SEALED_LENGTH, SEAL_VERSION } from '../../src/crypto/cookie-sealer';
import { KeyRing } from '../../src/crypto/key-ring';
import { OLD_SECRET, OTHER_SECRET, SECRET } from '../support/secrets';

const NOW = 1_700_000_000_000;
const LATER = NOW + 60_000;

function sealer(...secrets: string[]): CookieSealer {
  return new CookieSealer(new KeyRing(secrets, 'cookie'));
}

function flipBit(value: string, byteIndex: number): string {
  const bytes = Buffer.from(value, 'base64url');
  bytes[byteIndex] ^= 0x01;
  return bytes.toString('base64url');
}

describe('CookieSealer', () => {
  const text = JSON.stringify({ hello: 'world', n: 2017 });

  it('opens what it sealed, for the same cookie name, before expiry', () => {
    const value = sealer(SECRET).seal('jwtSession', text, LATER);
    expect(value).to.match(/^[A-Za-z0-9_-]+$/);
    expect(sealer(SECRET).open('jwtSession', value, NOW)).to.equal(text);
  });

  it('hides the text and never seals it the same way twice', () => {
    const a = sealer(SECRET).seal('jwtSession', text, LATER);
    const b = sealer(SECRET).seal('jwtSession', text, LATER);
    expect(a).not.to.equal(b);
    expect(Buffer.from(a, 'base64url').toString('latin1')).not.to.contain('world');
  });

  it('starts with the format version byte', () => {
    expect(Buffer.from(sealer(SECRET).seal('n', text, LATER), 'base64url')[0]).to.equal(SEAL_VERSION);
  });

  it('predicts the sealed length exactly, so sizes are checked without sealing', () => {
    for (const sample of ['', 'a', text, 'é'.repeat(300)]) {
      expect(sealer(SECRET).seal('n', sample, LATER)).to.have.length(CookieSealer.sealedLength(Buffer.byteLength(sample)));
    }
  });

  it('does not open a value copied to another cookie name', () => {
    const value = sealer(SECRET).seal('jwtSession', text, LATER);
    expect(sealer(SECRET).open('jwtFlash', value, NOW)).to.equal(undefined);
  });

  it('does not open after expiry', () => {
    const value = sealer(SECRET).seal('n', text, LATER);
    expect(sealer(SECRET).open('n', value, LATER)).to.equal(undefined);
    expect(sealer(SECRET).open('n', value, LATER - 1)).to.equal(text);
  });

  it('does not open a value sealed with another secret', () => {
    const value = sealer(OTHER_SECRET).seal('n', text, LATER);
    expect(sealer(SECRET).open('n', value, NOW)).to.equal(undefined);
  });

  it('opens values of a retired secret while it is listed, and not after it is removed', () => {
    const old = sealer(OLD_SECRET).seal('n', text, LATER);
    expect(sealer(SECRET, OLD_SECRET).open('n', old, NOW)).to.equal(text);
    expect(sealer(SECRET).open('n', old, NOW)).to.equal(undefined);
  });

  it('rejects a flipped bit in the version, key id, nonce, ciphertext and tag', () => {
    const value = sealer(SECRET).seal('n', text, LATER);
    const length = Buffer.from(value, 'base64url').length;
    for (const index of [0, 2, 6, 12, 20, length - 20, length - 1]) {
      expect(sealer(SECRET).open('n', flipBit(value, index), NOW), `byte ${index}`).to.equal(undefined);
    }
  });

  it('rejects truncated, empty, non-base64url and oversized values', () => {
    const value = sealer(SECRET).seal('n', text, LATER);
    for (const bad of [value.slice(0, -1), value.slice(0, 20), '', `${value}!`, `${value.slice(0, 10)}.${value.slice(10)}`, 'A'.repeat(MAX_SEALED_LENGTH + 1)]) {
      expect(sealer(SECRET).open('n', bad, NOW)).to.equal(undefined);
    }
  });

  it('remembers opened values, but never past their expiry nor for another name', () => {
    const sealer = new CookieSealer(new KeyRing([SECRET], 'cookie'));
    const value = sealer.seal('n', text, LATER);
    expect(sealer.open('n', value, NOW)).to.equal(text);
    expect(sealer.open('n', value, NOW + 1), 'from memory').to.equal(text);
    expect(sealer.open('other', value, NOW)).to.equal(undefined);
    expect(sealer.open('n', value, LATER)).to.equal(undefined);
  });

  it('never uses an IV twice', () => {
    const sealer = new CookieSealer(new KeyRing([SECRET], 'cookie'));
    const ivs = new Set<string>();
    for (let i = 0; i < 2000; i += 1) ivs.add(Buffer.from(sealer.seal('n', 'x', LATER), 'base64url').subarray(5, 17).toString('hex'));
    expect(ivs.size).to.equal(2000);
  });
});
