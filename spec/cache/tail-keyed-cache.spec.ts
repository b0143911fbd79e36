import { expect } from 'chai';
import { TailKeyedCache } from '../../src/cache/tail-keyed-cache';

/** A key shaped like a token: a long body and a distinct 24-character end. */
const key = (body: string, tail: string) => `${body.repeat(20)}.${tail.padStart(24, '0')}`;

describe('TailKeyedCache', () => {
  it('returns the value of exactly the key stored, for a key equal in content but made afresh', () => {
    const cache = new TailKeyedCache<number>(4);
    const stored = key('a', 'sig1');
    cache.set(stored, 1);
    expect(cache.get(`Bearer ${stored}`.slice(7))).to.equal(1);
    expect(cache.get(key('a', 'sig2'))).to.equal(undefined);
  });

  it('never answers for a different key that shares the tail, and the newer one replaces the older', () => {
    const cache = new TailKeyedCache<string>(4);
    cache.set(key('a', 'same'), 'a');
    expect(cache.get(key('b', 'same')), 'another body, same tail').to.equal(undefined);
    cache.set(key('b', 'same'), 'b');
    expect(cache.get(key('b', 'same'))).to.equal('b');
    expect(cache.get(key('a', 'same'))).to.equal(undefined);
    expect(cache.size).to.equal(1);
  });

  it('keeps at most its capacity, dropping the least recently used', () => {
    const cache = new TailKeyedCache<number>(2);
    cache.set(key('x', '1'), 1);
    cache.set(key('x', '2'), 2);
    expect(cache.get(key('x', '1'))).to.equal(1);
    cache.set(key('x', '3'), 3);
    expect(cache.size).to.equal(2);
    expect(cache.get(key('x', '2'))).to.equal(undefined);
    expect(cache.get(key('x', '1'))).to.equal(1);
    expect(cache.get(key('x', '3'))).to.equal(3);
  });

  it('keeps an entry read often through many more writes than its capacity', () => {
    const cache = new TailKeyedCache<number>(100);
    const hot = key('h', 'hot');
    cache.set(hot, 0);
    for (let n = 0; n < 10_000; n += 1) {
      cache.set(key('c', String(n)), n);
      expect(cache.get(hot), `after ${n + 1} writes`).to.equal(0);
    }
    expect(cache.size).to.be.within(88, 100);
  });

  it('drops the oldest eighth at once when full, and never holds more than its capacity', () => {
    const cache = new TailKeyedCache<number>(16);
    for (let n = 0; n < 16; n += 1) cache.set(key('e', String(n)), n);
    expect(cache.size).to.equal(16);
    cache.set(key('e', '16'), 16);
    expect(cache.size).to.equal(15);
    expect([0, 1, 2].map((n) => cache.get(key('e', String(n))))).to.deep.equal([undefined, undefined, 2]);
    expect(cache.get(key('e', '16'))).to.equal(16);
  });

  it('drops an entry on delete, and ignores a delete of a key that only shares its tail', () => {
    const cache = new TailKeyedCache<number>(4);
    cache.set(key('a', 't'), 1);
    cache.delete(key('b', 't'));
    expect(cache.get(key('a', 't'))).to.equal(1);
    cache.delete(key('a', 't'));
    expect(cache.get(key('a', 't'))).to.equal(undefined);
    expect(cache.size).to.equal(0);
  });

  it('works for keys shorter than the tail', () => {
    const cache = new TailKeyedCache<number>(4);
    cache.set('short', 1);
    expect(cache.get('short')).to.equal(1);
    expect(cache.get('hort')).to.equal(undefined);
  });
});
