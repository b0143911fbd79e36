import { expect } from 'chai';
import { DEMO_USERS, verifyUser } from '../../demo/users';

describe('demo users', () => {
  it('are admin, user1 and user2, each with its name as password', () => {
    expect([...DEMO_USERS.keys()]).to.deep.equal(['admin', 'user1', 'user2']);
    for (const name of DEMO_USERS.keys()) expect(verifyUser(name, name), name).to.equal(true);
  });

  it('refuse a wrong password, another user\'s password, an unknown user and empty input', () => {
    expect(verifyUser('admin', 'Admin')).to.equal(false);
    expect(verifyUser('admin', 'user1')).to.equal(false);
    expect(verifyUser('admin', 'admin ')).to.equal(false);
    expect(verifyUser('mallory', 'mallory')).to.equal(false);
    expect(verifyUser('mallory', '')).to.equal(false);
    expect(verifyUser('', '')).to.equal(false);
  });

  it('compare passwords of any length without throwing', () => {
    expect(verifyUser('admin', 'a'.repeat(10_000))).to.equal(false);
    expect(verifyUser('admin', 'é')).to.equal(false);
  });
});
