import { expect } from 'chai';
import { KeyRing } from '../../src/crypto/key-ring';
import { OLD_SECRET, SECRET } from '../support/secrets';

describe('KeyRing', () => {
  it('derives a key that differs from the secret and per purpose', () => {
    const cookie = new KeyRing([SECRET], 'cookie').primary;
    const other = new KeyRing([SECRET], 'other').primary;
    const material = cookie.key.export();
    expect(material).to.have.length(32);
    expect(material.toString('utf8')).not.to.contain(SECRET.slice(0, 16));
    expect(material.equals(other.key.export())).to.equal(false);
    expect(cookie.id).not.to.equal(other.id);
  });

  it('derives the same key from the same secret every time', () => {
    const a = new KeyRing([SECRET], 'cookie').primary;
    const b = new KeyRing([SECRET], 'cookie').primary;
    expect(a.id).to.equal(b.id);
    expect(a.key.export().equals(b.key.export())).to.equal(true);
  });

  it('seals with the first secret and finds every listed one by id', () => {
    const ring = new KeyRing([SECRET, OLD_SECRET], 'cookie');
    const old = new KeyRing([OLD_SECRET], 'cookie').primary;
    expect(ring.primary.id).to.equal(new KeyRing([SECRET], 'cookie').primary.id);
    expect(ring.find(old.id)?.key.export().equals(old.key.export())).to.equal(true);
    expect(new KeyRing([SECRET], 'cookie').find(old.id)).to.equal(undefined);
  });
});
