import type { JsonValue } from '../session/json-value';

/**
 * The claims of a token this library issued or accepted.
 *
 * @example
 * ```ts
 * // Claims are signed, not encrypted: anyone holding a token can read them (unverified, for display).
 * const payload = token.split('.')[1];
 * const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
 * console.log(claims.sub, new Date(claims.exp * 1000));
 * ```
 */
export interface TokenClaims {
  /** Subject: the username. */
  readonly sub: string;
  /** Issued at, seconds since the epoch. */
  readonly iat: number;
  /** Expires at, seconds since the epoch. */
  readonly exp: number;
  /** When the user logged in, seconds since the epoch; renewed tokens keep it. */
  readonly auth_time?: number;
  /** Unique token id. */
  readonly jti?: string;
  /** Issuer, when configured. */
  readonly iss?: string;
  /** Audience, when configured. */
  readonly aud?: string | string[];
  /** Any custom claims given at issue time. */
  readonly [claim: string]: JsonValue | undefined;
}

/** Claims names the library sets itself; custom claims may not use them. */
export const RESERVED_CLAIMS: readonly string[] = ['sub', 'iat', 'exp', 'nbf', 'iss', 'aud', 'jti', 'auth_time'];
