import { createSecretKey, hkdfSync, randomUUID, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { ConfigError } from '../errors/config-error';
import { InvalidTokenError, TokenExpiredError } from '../errors/token-errors';
import type { ResolvedJwtOptions } from '../options/resolved-options';
import { positiveInteger } from '../options/validators';
import type { JsonValue } from '../session/json-value';
import { checkClaims } from './claim-checks';
import { decodeJsonSegment, parseCompactJws, type CompactJws } from './compact-jws';
import { hmacSignatureMatches, isHmacAlgorithm } from './hmac-signature';
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
 * HS tokens carry a `kid` naming the secret that signed them, so rotation needs no trial and error,
 * and are verified with one node:crypto HMAC; RS/PS/ES signatures are left to jsonwebtoken.
 * The header and claims are checked here for every algorithm.
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
    const jws = parseCompactJws(token);
    if (jws.alg !== this.#options.algorithm) {
      throw new InvalidTokenError(`The token is not signed with the configured algorithm ${this.#options.algorithm}`);
    }
    const payload = isHmacAlgorithm(this.#options.algorithm) ? this.#hmacPayload(jws) : this.#asymmetricPayload(token);
    return checkClaims(payload, nowSeconds, this.#options);
  }

  /** The payload of an HMAC token signed by the key its `kid` names, or by any configured secret when it names none we know. */
  #hmacPayload(jws: CompactJws): Record<string, unknown> {
    const named = jws.kid === undefined ? undefined : this.#keys.find((key) => key.kid === jws.kid);
    for (const { key } of named === undefined ? this.#keys : [named]) {
      if (hmacSignatureMatches(this.#options.algorithm, key, jws.signingInput, jws.signature)) return decodeJsonSegment(jws.payload, 'payload');
    }
    throw new InvalidTokenError('The token is invalid: invalid signature');
  }

  /** The payload of a token whose RS/PS/ES signature verifies under the public key; claims are checked by the caller. */
  #asymmetricPayload(token: string): Record<string, unknown> {
    let payload: unknown;
    try {
      payload = jwt.verify(token, this.#keys[0].key, { algorithms: [this.#options.algorithm], ignoreExpiration: true, ignoreNotBefore: true });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new InvalidTokenError(`The token is invalid: ${reason}`, { cause: error });
    }
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new InvalidTokenError('The token payload is not a JSON object');
    return payload as Record<string, unknown>;
  }
}

/** A public id for an HMAC secret, derived one-way so it reveals nothing about the secret. */
function keyId(secret: string): string {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), 'routing-controllers-jwt-session/v1', 'jwt:kid', 9)).toString('base64url');
}
