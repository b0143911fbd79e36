import { expect } from 'chai';
import { HttpError } from 'routing-controllers';
import { ConfigError } from '../../src/errors/config-error';
import { JwtRequiredError } from '../../src/errors/http-errors';
import { JwtSessionError } from '../../src/errors/jwt-session-error';
import { SessionCommittedError, SessionTooLargeError } from '../../src/errors/session-errors';
import { InvalidTokenError, TokenExpiredError } from '../../src/errors/token-errors';

describe('errors', () => {
  const samples: [JwtSessionError, string, string][] = [
    [new ConfigError('cookie.path', 'must start with "/"'), 'ConfigError', 'ERR_JWT_SESSION_CONFIG'],
    [new InvalidTokenError('bad'), 'InvalidTokenError', 'ERR_JWT_INVALID'],
    [new TokenExpiredError(new Date(0)), 'TokenExpiredError', 'ERR_JWT_EXPIRED'],
    [new SessionTooLargeError('s', 5000, 4096), 'SessionTooLargeError', 'ERR_SESSION_TOO_LARGE'],
    [new SessionCommittedError(), 'SessionCommittedError', 'ERR_SESSION_COMMITTED'],
  ];

  for (const [error, name, code] of samples) {
    it(`${name} is a JwtSessionError with code ${code}`, () => {
      expect(error).to.be.instanceOf(JwtSessionError);
      expect(error).to.be.instanceOf(Error);
      expect(error.name).to.equal(name);
      expect(error.code).to.equal(code);
      expect(error.stack).to.contain(name);
    });
  }

  it('ConfigError names the option in its message and field', () => {
    const error = new ConfigError('cookie.path', 'must start with "/"');
    expect(error.option).to.equal('cookie.path');
    expect(error.message).to.equal('Invalid option "cookie.path": must start with "/"');
  });

  it('keeps the cause out of enumerable fields, so error serializers never copy it', () => {
    const cause = new Error('inner detail with token abc.def.ghi');
    const error = new InvalidTokenError('The token is invalid', { cause });
    expect(error.cause).to.equal(cause);
    expect(Object.keys(error)).not.to.include('cause');
    expect(JSON.stringify(error)).not.to.contain('abc.def.ghi');
  });

  it('JwtRequiredError is a routing-controllers HttpError 401 whose JSON is name, code and message', () => {
    const error = new JwtRequiredError('Log in');
    expect(error).to.be.instanceOf(JwtRequiredError);
    expect(error).to.be.instanceOf(HttpError);
    expect(error.httpCode).to.equal(401);
    expect(error.toJSON()).to.deep.equal({ name: 'JwtRequiredError', code: 'ERR_JWT_REQUIRED', message: 'Log in' });
  });
});
