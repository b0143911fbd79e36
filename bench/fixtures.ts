/**
 * The data every stack and every micro case works on, so all of them seal, sign and check the
 * same bytes. Sized like a real session and token: about 200 bytes of JSON each.
 */

/** Cookie and JWT secret of every stack (HS256 wants at least 32 bytes). */
export const SECRET = 'bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz';

/** The user every token is issued to. */
export const USERNAME = 'alice';

/** Session contents: ~200 bytes as JSON. */
export const SESSION_DATA = {
  user: USERNAME,
  role: 'editor',
  theme: 'dark',
  locale: 'en-GB',
  cart: ['sku-100231', 'sku-100232', 'sku-100233', 'sku-100234', 'sku-100235', 'sku-100236'],
  visits: 42,
  lastSeen: '2025-01-01T12:00:00.000Z',
};

/** Custom token claims: with `sub`, `iat`, `exp` and `jti` the payload is ~200 bytes of JSON. */
export const TOKEN_CLAIMS = { name: 'Alice Example', role: 'editor', scope: 'read write' } as const;

/** Token lifetime in seconds: longer than any run. */
export const TOKEN_LIFETIME = 3600;

/** What the benchmarked route answers on every stack when the session, flashes and token were read. */
export const EXPECTED_BODY = { user: USERNAME, flashes: [], username: USERNAME } as const;
