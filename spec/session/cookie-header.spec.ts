import { expect } from 'chai';
import { parseCookieHeader } from '../../src/session/cookie-header';

describe('parseCookieHeader', () => {
  it('reads every name=value pair', () => {
    expect([...parseCookieHeader('a=1; b=two;c=3')]).to.deep.equal([['a', '1'], ['b', 'two'], ['c', '3']]);
  });

  it('keeps the first of two cookies with one name', () => {
    expect(parseCookieHeader('a=first; a=second').get('a')).to.equal('first');
  });

  it('keeps "=" inside values and strips surrounding quotes', () => {
    expect(parseCookieHeader('t=a.b=c; q="quoted"').get('t')).to.equal('a.b=c');
    expect(parseCookieHeader('q="quoted"').get('q')).to.equal('quoted');
  });

  it('skips malformed pairs instead of throwing', () => {
    expect([...parseCookieHeader('junk; =nameless; ok=1; ;')]).to.deep.equal([['ok', '1']]);
    expect(parseCookieHeader(undefined).size).to.equal(0);
    expect(parseCookieHeader('').size).to.equal(0);
  });

  it('handles hundreds of cookies', () => {
    const header = Array.from({ length: 500 }, (_, i) => `c${i}=${i}`).join('; ');
    const cookies = parseCookieHeader(header);
    expect(cookies.size).to.equal(500);
    expect(cookies.get('c499')).to.equal('499');
  });
});
