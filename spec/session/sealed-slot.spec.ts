import { expect } from 'chai';
import { DecodedCache } from '../../src/cache/decoded-cache';
import type { CookieJar } from '../../src/session/cookie-jar';
import { SealedSlot } from '../../src/session/sealed-slot';
import { sessionDataCodec, type SessionContent } from '../../src/session/session-data';

/** A jar whose cookie `name` opens to `text`. */
function jarOpening(text: string | undefined): CookieJar {
  return { open: () => text } as unknown as CookieJar;
}

describe('SealedSlot', () => {
  it('decodes a text once across requests when given a decoded cache, and shares the decoded value', () => {
    const decoded = new DecodedCache<SessionContent>(8);
    const text = JSON.stringify({ d: { user: 'alice' } });
    const first = new SealedSlot('s', sessionDataCodec, jarOpening(text), { decoded }).value;
    const second = new SealedSlot('s', sessionDataCodec, jarOpening(text), { decoded }).value;
    expect(first.entries.get('user')).to.equal('alice');
    expect(second).to.equal(first);
    expect(decoded.size).to.equal(1);
  });

  it('caches neither unreadable, ill-shaped nor empty texts, which all read as empty', () => {
    const decoded = new DecodedCache<SessionContent>(8);
    for (const text of ['not json', '{"d":[1]}', '{"d":{}}', undefined]) {
      const value = new SealedSlot('s', sessionDataCodec, jarOpening(text), { decoded }).value;
      expect(value.entries.size, String(text)).to.equal(0);
    }
    expect(decoded.size).to.equal(0);
  });

  it('decodes afresh for every request without a cache', () => {
    const text = JSON.stringify({ d: { user: 'alice' } });
    const first = new SealedSlot('s', sessionDataCodec, jarOpening(text)).value;
    const second = new SealedSlot('s', sessionDataCodec, jarOpening(text)).value;
    expect(second).not.to.equal(first);
    expect(second).to.deep.equal(first);
  });
});
