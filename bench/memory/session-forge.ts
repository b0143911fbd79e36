import { CookieSealer } from '../../src/crypto/cookie-sealer';
import { KeyRing } from '../../src/crypto/key-ring';
import { SECRET, SESSION_DATA, TOKEN_CLAIMS, TOKEN_LIFETIME } from '../fixtures';
import { ourTokenService } from '../micro/token-fixtures';

/** The library's default session cookie name. */
const SESSION_COOKIE = 'jwtSession';

/**
 * Makes the headers of a new visitor on each call: a session cookie sealed as the server would
 * seal it and a token of its own, so no two requests share a session, a user or a token.
 */
export function visitorForge(): () => Record<string, string> {
  const sealer = new CookieSealer(new KeyRing([SECRET], 'cookie'));
  const tokens = ourTokenService();
  let visitor = 0;
  return () => {
    visitor += 1;
    const user = `user-${visitor}`;
    const text = JSON.stringify({ ...SESSION_DATA, user, visits: visitor });
    const cookie = sealer.seal(SESSION_COOKIE, text, Date.now() + TOKEN_LIFETIME * 1000);
    return { cookie: `${SESSION_COOKIE}=${cookie}`, authorization: `Bearer ${tokens.sign(user, TOKEN_LIFETIME, TOKEN_CLAIMS)}` };
  };
}
