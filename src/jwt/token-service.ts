import { createSecretKey, hkdfSync, randomUUID, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { ConfigError } from '../errors/config-error';
import { InvalidTokenError, TokenExpiredError } from '../errors/token-errors';
import type { ResolvedJwtOptions } from '../options/resolved-options';
import { positiveInteger } from '../options/validators';
import type { JsonValue } from '../session/json-value';
import { RESERVED_CLAIMS, type TokenClaims } from './token-claims';
import { VerifiedTokenCache } from './verified-token-cache';

/** Longest token worth verifying; anything longer is refused before any crypto work. */
export const MAX_TOKEN_LENGTH = 8192;
/** How many recently verified tokens are remembered (about 1 KB each at most). */
export const VERIFIED_CACHE_SIZE = 1024;

/** A token issued in place of one close to expiry. */
export interface RenewedToken {
  readonly token: string;
  /** Seconds it lives: the cookie's `Max-Age`. */
  readonly lifetime: number;
}

interface VerificationKey {
  readonly kid: string | undefined;
  readonly key: KeyObject;
}

/**
 * Signs and verifies JWTs with the one configured algorithm. Keys are KeyObjects made once:
 * jsonwebtoken given a string secret first tries to parse it as a public key, ~30x slower.
 * HS tokens carry a `kid` naming the secret that signed them, so rotation needs no trial and error.
 */
export class TokenService {
  readonly #options: ResolvedJwtOptions;
  readonly #now: () => number;
  readonly #signingKey: VerificationKey | undefined;
  readonly #keys: readonly VerificationKey[];
  readonly #verified = new VerifiedTokenCache(VERIFIED_CACHE_SIZE);

  constructor(options: ResolvedJwtOptions, now: () => number) {
    this.#options = options;
    this.#now = now;
    if (options.publicKey !== undefined) {
      this.#keys = [{ kid: undefined, key: options.publicKey }];
      this.#signingKey = options.privateKey && { kid: undefined, key: options.privateKey };
    } else {
      this.#keys = options.secrets.map((secret) => ({ kid: keyId(secret), key: createSecretKey(Buffer.from(secret, 'utf8')) }));
      this.#signingKey = this.#keys[0];
    }
  }

  /**
   * A signed token for `username` that expires in `expiresIn` seconds (default `jwt.expiresIn`).
   *
   * @throws {@link ConfigError} for an empty username, a bad lifetime, a custom claim that
   *   shadows a registered one, or an asymmetric algorithm without `jwt.privateKey`.
   */
  sign(username: string, expiresIn?: number, claims: Readonly<Record<string, JsonValue>> = {}): string {
    if (typeof username !== 'string' || username === '') throw new ConfigError('username', 'must be a non-empty string');
    const lifetime = positiveInteger(expiresIn ?? this.#options.expiresIn, 'expiresIn');
    const reserved = Object.keys(claims).find((name) => RESERVED_CLAIMS.includes(name));
    if (reserved !== undefined) throw new ConfigError(`claims.${reserved}`, 'is a registered claim the library sets itself');
    return this.#issue(username, lifetime, claims, undefined);
  }

  /**
   * A fresh token (same `sub`, custom claims, `auth_time` and lifetime; new `iat`, `exp` and `jti`)
   * for verified `claims` that expire within `jwt.renewWithin`, or undefined when renewal is off,
   * not due yet, or would not extend the token because `jwt.maxLifetime` is reached.
   */
  renewal(claims: TokenClaims): RenewedToken | undefined {
    const { renewWithin, maxLifetime } = this.#options;
    const now = Math.floor(this.#now() / 1000);
    if (renewWithin === undefined || claims.exp - now > renewWithin) return undefined;
    const authTime = typeof claims.auth_time === 'number' ? claims.auth_time : claims.iat;
    const limit = maxLifetime === undefined ? Infinity : authTime + maxLifetime;
    const exp = Math.min(now + Math.max(claims.exp - claims.iat, 1), limit);
    if (exp <= claims.exp) return undefined;
    const custom = Object.fromEntries(Object.entries(claims).filter(([name]) => !RESERVED_CLAIMS.includes(name)));
    return { token: this.#issue(claims.sub, exp - now, custom as Record<string, JsonValue>, authTime), lifetime: exp - now };
  }

  #issue(username: string, lifetime: number, claims: Readonly<Record<string, JsonValue>>, authTime: number | undefined): string {
    const signer = this.#signingKey;
    if (signer === undefined) throw new ConfigError('jwt.privateKey', `is needed to sign ${this.#options.algorithm} tokens`);
    const iat = Math.floor(this.#now() / 1000);
    const { issuer, audience } = this.#options;
    const payload = {
      ...claims,
      sub: username,
      iat,
      exp: iat + lifetime,
      auth_time: authTime ?? iat,
      jti: randomUUID(),
      ...(issuer === undefined ? {} : { iss: issuer }),
      ...(audience === undefined ? {} : { aud: audience }),
    };
    const header = { alg: this.#options.algorithm, typ: 'JWT', ...(signer.kid === undefined ? {} : { kid: signer.kid }) };
    return jwt.sign(payload, signer.key, { algorithm: this.#options.algorithm, header });
  }

  /**
   * The claims of `token` when it is valid now: signed by a configured key with the configured
   * algorithm, not expired, already valid, with a string `sub`, numeric `exp` and `iat`, and the
   * configured issuer and audience. A token verified recently is answered from a bounded cache
   * until its `exp`.
   *
   * @throws {@link TokenExpiredError} when only its expiry is wrong; {@link InvalidTokenError} otherwise.
   */
  verify(token: string): TokenClaims {
    if (typeof token !== 'string' || token.length === 0) throw new InvalidTokenError('The token is empty');
    if (token.length > MAX_TOKEN_LENGTH) {
      throw new InvalidTokenError(`The token is longer than ${MAX_TOKEN_LENGTH} characters`);
    }
    const nowSeconds = Math.floor(this.#now() / 1000);
    const cached = this.#verified.get(token, nowSeconds, this.#options.clockTolerance);
    if (cached !== undefined) return cached;
    const claims = this.#verifyUncached(token, nowSeconds);
    this.#verified.set(token, claims);
    return claims;
  }

  /** The claims of `token` when it is valid now, else undefined: for callers that treat a bad token as none. */
  claimsOf(token: string): TokenClaims | undefined {
    try {
      return this.verify(token);
    } catch (error) {
      if (error instanceof InvalidTokenError || error instanceof TokenExpiredError) return undefined;
      throw error;
    }
  }

  #verifyUncached(token: string, nowSeconds: number): TokenClaims {
    const { kid, crit } = readHeader(token);
    // RFC 7515 4.1.11: a token naming extensions that must be understood is refused; we know none.
    if (crit) throw new InvalidTokenError('The token header lists critical extensions ("crit") this library does not support');
    const named = kid === undefined ? undefined : this.#keys.find((key) => key.kid === kid);
    const candidates = named === undefined ? this.#keys : [named];
    let firstError: unknown;
    for (const { key } of candidates) {
      try {
        return checkClaims(this.#verifyWith(token, key, nowSeconds));
      } catch (error) {
        // An expiry or not-before error comes after a good signature: no other key can do better.
        if (error instanceof jwt.TokenExpiredError) {
          // An exp outside the range of dates (such as -1e300) is malformed rather than expired.
          if (Number.isNaN(error.expiredAt.getTime())) throw toInvalid(error);
          throw new TokenExpiredError(error.expiredAt, { cause: error });
        }
        if (error instanceof jwt.NotBeforeError || error instanceof InvalidTokenError) throw toInvalid(error);
        firstError ??= error;
      }
    }
    throw toInvalid(firstError);
  }

  #verifyWith(token: string, key: KeyObject, nowSeconds: number): unknown {
    const { algorithm, issuer, audience, clockTolerance } = this.#options;
    return jwt.verify(token, key, {
      algorithms: [algorithm],
      clockTimestamp: nowSeconds,
      clockTolerance,
      ...(issuer === undefined ? {} : { issuer }),
      ...(audience === undefined ? {} : { audience }),
    });
  }
}

function checkClaims(payload: unknown): TokenClaims {
  if (typeof payload !== 'object' || payload === null) throw new InvalidTokenError('The token payload is not a JSON object');
  const claims = payload as Record<string, unknown>;
  if (typeof claims.sub !== 'string' || claims.sub === '') throw new InvalidTokenError('The token has no string "sub" claim');
  if (typeof claims.exp !== 'number') throw new InvalidTokenError('The token has no numeric "exp" claim');
  if (typeof claims.iat !== 'number') throw new InvalidTokenError('The token has no numeric "iat" claim');
  return claims as TokenClaims;
}

function toInvalid(error: unknown): InvalidTokenError {
  if (error instanceof InvalidTokenError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new InvalidTokenError(`The token is invalid: ${reason}`, { cause: error });
}

/**
 * What the token's header says of its key (`kid`) and whether it names critical extensions
 * (`crit`); an unreadable header is left for the verifier to refuse.
 */
function readHeader(token: string): { kid: string | undefined; crit: boolean } {
  const end = token.indexOf('.');
  if (end <= 0) return { kid: undefined, crit: false };
  try {
    const header: unknown = JSON.parse(Buffer.from(token.slice(0, end), 'base64url').toString('utf8'));
    if (typeof header !== 'object' || header === null) return { kid: undefined, crit: false };
    const { kid, crit } = header as { kid?: unknown; crit?: unknown };
    return { kid: typeof kid === 'string' ? kid : undefined, crit: crit !== undefined };
  } catch {
    return { kid: undefined, crit: false };
  }
}

/** A public id for an HMAC secret, derived one-way so it reveals nothing about the secret. */
function keyId(secret: string): string {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), 'routing-controllers-jwt-session/v1', 'jwt:kid', 9)).toString('base64url');
}
