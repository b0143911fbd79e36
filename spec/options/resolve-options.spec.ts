import { generateKeyPairSync } from 'node:crypto';
import { expect } from 'chai';
import { ConfigError } from '../../src/errors/config-error';
import { resolveOptions } from '../../src/options/resolve-options';
import type { SessionManagerOptions } from '../../src/options/session-options';
import { OLD_SECRET, SECRET } from '../support/secrets';

const dev = { production: false };
const production = { production: true };

function configError(options: SessionManagerOptions, env = dev): ConfigError {
  try {
    resolveOptions(options, env);
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('resolveOptions', () => {
  describe('defaults', () => {
    it('fills in every documented default', () => {
      const resolved = resolveOptions({ secret: SECRET }, dev);
      expect(resolved.tokenName).to.equal('jwtTokenSession');
      expect(resolved.sessionName).to.equal('jwtSession');
      expect(resolved.flashName).to.equal('jwtFlash');
      expect(resolved.cookie).to.deep.equal({
        path: '/',
        domain: undefined,
        secure: 'auto',
        httpOnly: true,
        sameSite: 'lax',
        maxAge: 3600,
        rolling: false,
        partitioned: false,
        priority: undefined,
      });
      expect(resolved.jwt.algorithm).to.equal('HS256');
      expect(resolved.jwt.expiresIn).to.equal(3600);
      expect(resolved.jwt.clockTolerance).to.equal(0);
      expect(resolved.jwt.renewWithin).to.equal(undefined);
      expect(resolved.jwt.maxLifetime).to.equal(undefined);
      expect(resolved.jwt.secrets).to.deep.equal([SECRET]);
      expect(resolved.now).to.equal(Date.now);
    });

    it('keeps false and 0 instead of replacing them with defaults', () => {
      const resolved = resolveOptions({ secret: SECRET, cookie: { httpOnly: false, secure: false }, jwt: { clockTolerance: 0 } }, dev);
      expect(resolved.cookie.httpOnly).to.equal(false);
      expect(resolved.cookie.secure).to.equal(false);
    });

    it("turns secure 'auto' into true in production", () => {
      expect(resolveOptions({ secret: SECRET }, production).cookie.secure).to.equal(true);
      expect(resolveOptions({ secret: SECRET, cookie: { secure: false } }, production).cookie.secure).to.equal(false);
    });
  });

  describe('secret option', () => {
    it('generates a random per-process secret outside production and says so', () => {
      const first = resolveOptions({}, dev);
      const second = resolveOptions({}, dev);
      expect(first.secretGenerated).to.equal(true);
      expect(first.secrets[0]).to.have.length.of.at.least(32);
      expect(first.secrets[0]).not.to.equal(second.secrets[0]);
      expect(first.jwt.secrets).to.deep.equal(first.secrets);
    });

    it('is required in production', () => {
      expect(configError({}, production).option).to.equal('secret');
    });

    it('rejects an empty or short secret without echoing it', () => {
      const empty = configError({ secret: '' });
      expect(empty.option).to.equal('secret');
      const short = configError({ secret: 'x'.repeat(31) });
      expect(short.message).to.contain('at least 32 characters');
      expect(short.message).not.to.contain('x'.repeat(31));
    });

    it('names the wrong entry of a rotation list', () => {
      expect(configError({ secret: [SECRET, 'short'] }).option).to.equal('secret[1]');
      expect(configError({ secret: [] }).option).to.equal('secret');
      expect(configError({ secret: [SECRET, SECRET] }).message).to.contain('twice');
    });

    it('keeps a rotation list newest first', () => {
      expect(resolveOptions({ secret: [SECRET, OLD_SECRET] }, dev).secrets).to.deep.equal([SECRET, OLD_SECRET]);
    });
  });

  describe('cookie names', () => {
    for (const bad of ['has space', 'semi;colon', 'eq=ual', 'ümlaut', '']) {
      it(`rejects ${JSON.stringify(bad)} as a cookie name`, () => {
        expect(configError({ secret: SECRET, sessionName: bad }).option).to.equal('sessionName');
      });
    }

    it('rejects two options naming the same cookie', () => {
      expect(configError({ secret: SECRET, flashName: 'jwtSession' }).message).to.contain('three different cookie names');
    });
  });

  describe('cookie option', () => {
    it("rejects sameSite 'none' without secure: true", () => {
      expect(configError({ secret: SECRET, cookie: { sameSite: 'none' } }).option).to.equal('cookie.sameSite');
      expect(resolveOptions({ secret: SECRET, cookie: { sameSite: 'none', secure: true } }, dev).cookie.sameSite).to.equal('none');
    });

    it('rejects a bad maxAge, path or domain', () => {
      expect(configError({ secret: SECRET, cookie: { maxAge: 0 } }).option).to.equal('cookie.maxAge');
      expect(configError({ secret: SECRET, cookie: { maxAge: 1.5 } }).option).to.equal('cookie.maxAge');
      expect(configError({ secret: SECRET, cookie: { path: 'no-slash' } }).option).to.equal('cookie.path');
      expect(configError({ secret: SECRET, cookie: { path: '/a;b' } }).option).to.equal('cookie.path');
      expect(configError({ secret: SECRET, cookie: { domain: 'a b.com' } }).option).to.equal('cookie.domain');
    });

    it('takes rolling, partitioned and priority, and needs secure: true for partitioned', () => {
      const resolved = resolveOptions({ secret: SECRET, cookie: { rolling: true, partitioned: true, secure: true, priority: 'high' } }, dev);
      expect(resolved.cookie).to.include({ rolling: true, partitioned: true, priority: 'high' });
      expect(configError({ secret: SECRET, cookie: { partitioned: true } }).option).to.equal('cookie.partitioned');
      expect(configError({ secret: SECRET, cookie: { priority: 'urgent' as never } }).option).to.equal('cookie.priority');
      expect(configError({ secret: SECRET, cookie: { rolling: 'yes' as never } }).option).to.equal('cookie.rolling');
    });

    it('names an unknown option, catching typos', () => {
      const error = configError({ secret: SECRET, cookie: { maxage: 10 } as never });
      expect(error.option).to.equal('cookie.maxage');
      expect(configError({ secrets: SECRET } as never).option).to.equal('secrets');
    });
  });

  describe('jwt option', () => {
    it('never accepts alg none or an unknown algorithm', () => {
      expect(configError({ secret: SECRET, jwt: { algorithm: 'none' as never } }).option).to.equal('jwt.algorithm');
      expect(configError({ secret: SECRET, jwt: { algorithm: 'HS1' as never } }).option).to.equal('jwt.algorithm');
    });

    it('uses jwt.secret for HS tokens when given', () => {
      expect(resolveOptions({ secret: SECRET, jwt: { secret: OLD_SECRET } }, dev).jwt.secrets).to.deep.equal([OLD_SECRET]);
      expect(configError({ secret: SECRET, jwt: { secret: 'short' } }).option).to.equal('jwt.secret');
    });

    it('derives the public key from the private key for RS256', () => {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const resolved = resolveOptions({ secret: SECRET, jwt: { algorithm: 'RS256', privateKey } }, dev);
      expect(resolved.jwt.publicKey?.type).to.equal('public');
      expect(resolved.jwt.secrets).to.deep.equal([]);
    });

    it('rejects a key that does not fit the algorithm', () => {
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
      expect(configError({ secret: SECRET, jwt: { algorithm: 'ES256', privateKey } }).option).to.equal('jwt.privateKey');
      expect(configError({ secret: SECRET, jwt: { algorithm: 'ES256' } }).option).to.equal('jwt.publicKey');
      expect(configError({ secret: SECRET, jwt: { algorithm: 'RS256', publicKey: 'not a pem' } }).option).to.equal('jwt.publicKey');
      expect(configError({ secret: SECRET, jwt: { algorithm: 'HS256', privateKey } }).option).to.equal('jwt.privateKey');
    });

    it('rejects a bad lifetime or tolerance', () => {
      expect(configError({ secret: SECRET, jwt: { expiresIn: -1 } }).option).to.equal('jwt.expiresIn');
      expect(configError({ secret: SECRET, jwt: { clockTolerance: -1 } }).option).to.equal('jwt.clockTolerance');
      expect(configError({ secret: SECRET, jwt: { issuer: '' } }).option).to.equal('jwt.issuer');
      expect(configError({ secret: SECRET, jwt: { renewWithin: 0 } }).option).to.equal('jwt.renewWithin');
      expect(configError({ secret: SECRET, jwt: { maxLifetime: -5 } }).option).to.equal('jwt.maxLifetime');
    });
  });

  describe('csrf option', () => {
    it('is off by default and takes the default header and field when true', () => {
      expect(resolveOptions({ secret: SECRET }, dev).csrf).to.equal(undefined);
      expect(resolveOptions({ secret: SECRET, csrf: true }, dev).csrf).to.deep.equal({ header: 'x-csrf-token', field: '_csrf' });
    });

    it('takes custom names and lower-cases the header', () => {
      expect(resolveOptions({ secret: SECRET, csrf: { header: 'X-XSRF-Token', field: 'token' } }, dev).csrf).to.deep.equal({
        header: 'x-xsrf-token',
        field: 'token',
      });
    });

    it('rejects a bad header or field name', () => {
      expect(configError({ secret: SECRET, csrf: { header: 'bad header' } }).option).to.equal('csrf.header');
      expect(configError({ secret: SECRET, csrf: { field: '' } }).option).to.equal('csrf.field');
      expect(configError({ secret: SECRET, csrf: { fieldName: 'x' } as never }).option).to.equal('csrf.fieldName');
    });
  });

  it('rejects a clock that is not a function', () => {
    expect(configError({ secret: SECRET, now: 5 as never }).option).to.equal('now');
  });
});
