import { TailKeyedCache } from '../cache/tail-keyed-cache';
import type { TokenClaims } from './token-claims';

/**
 * A bounded, least-recently-used map from whole token strings to the claims they verified to, so a
 * token seen again (the next request of the same user) skips the signature check. An entry is only
 * returned while its token is unexpired: the cache never extends a token's life.
 */
export class VerifiedTokenCache {
  readonly #entries: TailKeyedCache<TokenClaims>;

  constructor(capacity: number) {
    this.#entries = new TailKeyedCache(capacity);
  }

  /** The claims `token` verified to, if it is cached and its `exp` (plus `tolerance` s) is still ahead of `nowSeconds`. */
  get(token: string, nowSeconds: number, tolerance: number): TokenClaims | undefined {
    const claims = this.#entries.get(token);
    if (claims === undefined || nowSeconds < claims.exp + tolerance) return claims;
    this.#entries.delete(token);
    return undefined;
  }

  /** Remembers that `token` verified to `claims`, evicting the least recently used entry when full. */
  set(token: string, claims: TokenClaims): void {
    this.#entries.set(token, claims);
  }

  /** How many tokens are cached. */
  get size(): number {
    return this.#entries.size;
  }
}
