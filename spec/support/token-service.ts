import { TokenService } from '../../src/jwt/token-service';
import { resolveOptions } from '../../src/options/resolve-options';
import type { SessionManagerOptions } from '../../src/options/session-options';
import { SECRET } from './secrets';

/** A TokenService resolved from `options` (secret {@link SECRET} unless given), on the clock `now`. */
export function tokenService(options: SessionManagerOptions, now: () => number): TokenService {
  return new TokenService(resolveOptions({ secret: SECRET, ...options }, { production: false }).jwt, now);
}

/** The error `tokens.verify(token)` throws; fails the test when it accepts the token. */
export function verifyError(tokens: TokenService, token: string): Error {
  try {
    tokens.verify(token);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected verify to throw');
}
