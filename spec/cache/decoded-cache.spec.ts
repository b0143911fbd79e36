import { expect } from 'chai';
import { DecodedCache } from '../../src/cache/decoded-cache';

describe('DecodedCache', () => {
  it('returns what a text was decoded to', () => {
    const cache = new DecodedCache<{ n: number }>(2);
    const value = { n: 1 };
    cache.set('{"n":1}', value);
    expect(cache.get('{"n":1}')).to.equal(value);
    expect(cache.get('{"n":2}')).to.equal(undefined);
  });

  it('keeps at most its capacity, dropping the oldest', () => {
    const cache = new DecodedCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect(cache.size).to.equal(2);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).to.deep.equal([undefined, 2, 3]);
  });
});
