import { InvalidTokenError, TokenExpiredError } from '../errors/token-errors';
import type { TokenClaims } from './token-claims';

/** What a token's claims are checked against. */
export interface ClaimRules {
  readonly issuer: string | undefined;
  readonly audience: string | undefined;
  /** Seconds of leeway for `exp` and `nbf`. */
  readonly clockTolerance: number;
}

/**
 * The claims of a payload whose signature has been verified, when they hold at `nowSeconds`:
 * `nbf` (if any) reached, `exp` not passed (both with the clock tolerance), the configured issuer
 * and audience, a non-empty string `sub`, and numeric `exp` and `iat`.
 *
 * @throws {@link TokenExpiredError} when `exp` has passed; {@link InvalidTokenError} for anything else.
 */
export function checkClaims(payload: Record<string, unknown>, nowSeconds: number, rules: ClaimRules): TokenClaims {
  const { nbf, exp, iss, aud, sub, iat } = payload;
  if (nbf !== undefined) {
    if (typeof nbf !== 'number') throw new InvalidTokenError('The token\'s "nbf" claim is not a number');
    if (nbf > nowSeconds + rules.clockTolerance) throw new InvalidTokenError('The token is not valid yet: its "nbf" is ahead');
  }
  if (exp !== undefined) {
    if (typeof exp !== 'number') throw new InvalidTokenError('The token has no numeric "exp" claim');
    if (nowSeconds >= exp + rules.clockTolerance) {
      const expiredAt = new Date(exp * 1000);
      if (Number.isNaN(expiredAt.getTime())) throw new InvalidTokenError('The token\'s "exp" claim lies outside the range of dates');
      throw new TokenExpiredError(expiredAt);
    }
  }
  if (rules.audience !== undefined && !(aud === rules.audience || (Array.isArray(aud) && aud.includes(rules.audience)))) {
    throw new InvalidTokenError(`The token's "aud" claim does not name the configured audience "${rules.audience}"`);
  }
  if (rules.issuer !== undefined && iss !== rules.issuer) {
    throw new InvalidTokenError(`The token's "iss" claim is not the configured issuer "${rules.issuer}"`);
  }
  if (typeof sub !== 'string' || sub === '') throw new InvalidTokenError('The token has no string "sub" claim');
  if (typeof exp !== 'number') throw new InvalidTokenError('The token has no numeric "exp" claim');
  if (typeof iat !== 'number') throw new InvalidTokenError('The token has no numeric "iat" claim');
  return payload as TokenClaims;
}
