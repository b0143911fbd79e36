import { expect } from 'chai';
import { ConfigError } from '../../src/errors/config-error';
import { JwtSessionError } from '../../src/errors/jwt-session-error';
import type { SessionManagerOptions } from '../../src/options/session-options';
import { SessionManager } from '../../src/session/session-manager';
import { SECRET } from '../support/secrets';

/** A secret one character too short, easy to spot if any message or field echoed it. */
const SHORT_SECRET = 'short-secret-MARKER-0123456789a';
/** A valid secret that must not appear in the error of another, wrong option. */
const MARKED_SECRET = 'valid-secret-MARKER-0123456789-abcdefgh';

/** The ConfigError `configure(options)` throws, with `NODE_ENV` set to `nodeEnv` meanwhile. */
function configError(options: SessionManagerOptions, nodeEnv = 'test'): ConfigError {
  const saved = process.env.NODE_ENV;
  process.env.NODE_ENV = nodeEnv;
  try {
    new SessionManager().configure(options);
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    expect(error).to.be.instanceOf(JwtSessionError);
    expect((error as ConfigError).code).to.equal('ERR_JWT_SESSION_CONFIG');
    return error as ConfigError;
  } finally {
    if (saved === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = saved;
  }
  throw new Error(`configure(${JSON.stringify(options)}) did not throw`);
}

/** Every way an error reaches a log or a response: message, stack, string form and JSON of its own fields. */
function everythingShown(error: Error): string {
  return [error.message, error.stack, String(error), JSON.stringify(error), JSON.stringify(Object.getOwnPropertyDescriptors(error))].join('\n');
}

describe('ConfigError from SessionManager.configure, naming the option', () => {
  describe('secret', () => {
    for (const [what, secret, option] of [
      ['an empty secret', '', 'secret'],
      ['a secret of 31 characters', 'x'.repeat(31), 'secret'],
      ['a secret that is not a string', 1234567890, 'secret'],
      ['an empty list of secrets', [], 'secret'],
      ['a list whose second secret is short', [SECRET, 'y'.repeat(31)], 'secret[1]'],
      ['a list whose first entry is not a string', [null, SECRET], 'secret[0]'],
    ] as const) {
      it(`refuses ${what}`, () => {
        expect(configError({ secret: secret as never }).option).to.equal(option);
      });
    }

    it('takes a secret of exactly 32 characters', () => {
      expect(() => new SessionManager().configure({ secret: 'z'.repeat(32) })).not.to.throw();
    });

    it('refuses a short jwt.secret, and a short entry of a jwt.secret list', () => {
      expect(configError({ secret: SECRET, jwt: { secret: 'j'.repeat(31) } }).option).to.equal('jwt.secret');
      expect(configError({ secret: SECRET, jwt: { secret: [SECRET, ''] } }).option).to.equal('jwt.secret[1]');
    });

    it('refuses a missing secret when NODE_ENV=production', () => {
      expect(configError({}, 'production').option).to.equal('secret');
    });

    it('refuses a missing secret when NODE_ENV=production even when jwt.secret is given, as cookies need one too', () => {
      expect(configError({ jwt: { secret: SECRET } }, 'production').option).to.equal('secret');
    });

    it('refuses a short secret when NODE_ENV=production as well', () => {
      expect(configError({ secret: 'p'.repeat(31) }, 'production').option).to.equal('secret');
    });

    it('never shows a refused secret in the message, stack, string form or fields of the error', () => {
      for (const options of [{ secret: SHORT_SECRET }, { secret: [SECRET, SHORT_SECRET] }, { secret: SECRET, jwt: { secret: SHORT_SECRET } }]) {
        expect(everythingShown(configError(options))).not.to.contain('MARKER');
      }
    });

    it('never shows a valid secret in the error of another option', () => {
      for (const options of [
        { secret: MARKED_SECRET, tokenName: 'bad name' },
        { secret: MARKED_SECRET, cookie: { sameSite: 'none' as const } },
        { secret: [MARKED_SECRET, MARKED_SECRET] },
        { secret: MARKED_SECRET, jwt: { secret: MARKED_SECRET, clockTolerance: -1 } },
      ]) {
        expect(everythingShown(configError(options))).not.to.contain('MARKER');
      }
    });

    it('keeps the previous configuration in force when a new one is refused', async () => {
      const manager = new SessionManager().configure({ secret: SECRET });
      const token = manager.generateToken('alice');
      expect(() => manager.configure({ secret: 'too short' })).to.throw(ConfigError);
      expect(await manager.validateToken(token)).to.equal('alice');
    });
  });

  describe('cookie names', () => {
    const badNames: readonly [string, string][] = [
      ['a space', 'my session'],
      ['a leading space', ' jwtSession'],
      ['a tab', 'jwt\tSession'],
      ['";"', 'jwt;Session'],
      ['"="', 'jwt=Session'],
      ['","', 'jwt,Session'],
      ['a double quote', 'jwt"Session'],
      ['a non-ASCII letter', 'jwtSessión'],
      ['non-Latin script', 'セッション'],
      ['a line break', 'jwt\r\nSet-Cookie: x=y'],
      ['a NUL byte', 'jwt\u0000Session'],
      ['nothing at all', ''],
    ];
    for (const option of ['tokenName', 'sessionName', 'flashName'] as const) {
      for (const [what, name] of badNames) {
        it(`refuses a ${option} with ${what}`, () => {
          expect(configError({ secret: SECRET, [option]: name }).option).to.equal(option);
        });
      }
    }

    it('refuses a cookie name that is not a string', () => {
      expect(configError({ secret: SECRET, sessionName: 42 as never }).option).to.equal('sessionName');
    });
  });

  describe('cookie.sameSite', () => {
    for (const [what, secure] of [
      ['without secure', undefined],
      ["with secure: 'auto'", 'auto'],
      ['with secure: false', false],
    ] as const) {
      it(`refuses sameSite 'none' ${what}`, () => {
        expect(configError({ secret: SECRET, cookie: { sameSite: 'none', ...(secure === undefined ? {} : { secure }) } }).option).to.equal('cookie.sameSite');
      });
    }

    it("takes sameSite 'none' with secure: true", () => {
      expect(() => new SessionManager().configure({ secret: SECRET, cookie: { sameSite: 'none', secure: true } })).not.to.throw();
    });

    it("refuses a sameSite spelled in another case ('None')", () => {
      expect(configError({ secret: SECRET, cookie: { sameSite: 'None' as never, secure: true } }).option).to.equal('cookie.sameSite');
    });
  });
});
