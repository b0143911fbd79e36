import { resolveOptions } from '../../src/options/resolve-options';
import { TokenService } from '../../src/jwt/token-service';
import { SECRET, TOKEN_CLAIMS, TOKEN_LIFETIME, USERNAME } from '../fixtures';

/** The library's token service as `SessionManager.configure({ secret: SECRET })` builds it. */
export function ourTokenService(): TokenService {
  const options = resolveOptions({ secret: SECRET }, { production: false });
  return new TokenService(options.jwt, Date.now);
}

/** One token, and `poolSize` distinct ones (each has its own `jti`), all with the same claims. */
export interface TokenFixtures {
  readonly token: string;
  readonly pool: readonly string[];
}

/**
 * Tokens for the verify cases. Every verifier checks these same strings, signed by our service,
 * so each case hashes the same bytes. Cycling through the pool defeats any verified-token cache
 * smaller than it: that is the "cache miss" case.
 */
export function tokenFixtures(poolSize: number): TokenFixtures {
  const tokens = ourTokenService();
  const pool = Array.from({ length: poolSize }, () => tokens.sign(USERNAME, TOKEN_LIFETIME, TOKEN_CLAIMS));
  return { token: pool[0], pool };
}

/** A function returning the pool's tokens in turn, forever. */
export function cycle(pool: readonly string[]): () => string {
  let next = 0;
  return () => {
    const token = pool[next];
    next = next + 1 === pool.length ? 0 : next + 1;
    return token;
  };
}
