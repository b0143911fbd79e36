import { expect } from 'chai';
import { flashCodec } from '../../src/session/flash-bag';

describe('flashCodec', () => {
  it('round-trips messages of any JSON type with and without categories, in order', () => {
    const entries = [
      { message: 'plain', category: undefined },
      { message: 'bad password', category: 'error' },
      { message: { field: 'email', problem: 'taken' }, category: 'error' },
      { message: 42, category: 'info' },
    ];
    expect(flashCodec.decode(JSON.parse(flashCodec.encode(entries)))).to.deep.equal(entries);
  });

  it('reads anything of another shape as undecodable', () => {
    for (const json of [{}, 'text', [['a', 1]], [[]], [['a', 'b', 'c']], ['bare']]) {
      expect(flashCodec.decode(json), JSON.stringify(json)).to.equal(undefined);
    }
  });
});
