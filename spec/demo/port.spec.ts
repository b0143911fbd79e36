import { expect } from 'chai';
import { DEFAULT_PORT, readPort } from '../../demo/port';

describe('demo PORT', () => {
  it('defaults to 3000 when unset or blank', () => {
    expect(DEFAULT_PORT).to.equal(3000);
    expect(readPort(undefined)).to.equal(3000);
    expect(readPort('')).to.equal(3000);
  });

  it('reads whole numbers from 0 (any free port) to 65535', () => {
    expect(readPort('0')).to.equal(0);
    expect(readPort('8080')).to.equal(8080);
    expect(readPort('65535')).to.equal(65535);
  });

  it('refuses anything else instead of guessing', () => {
    for (const value of ['65536', '-1', '3e3', '80.5', 'http', '0x50']) {
      expect(() => readPort(value), value).to.throw(RangeError, 'PORT must be a whole number from 0 to 65535');
    }
  });
});
