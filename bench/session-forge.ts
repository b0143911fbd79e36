import { CookieSealer } from '../src/crypto/cookie-sealer';
import { KeyRing } from '../src/crypto/key-ring';
import { sessionDataCodec } from '../src/session/session-data';
import { SECRET, SESSION_DATA, TOKEN_CLAIMS, TOKEN_LIFETIME } from './fixtures';
import { ourTokenService } from './micro/token-fixtures';

/** The library's default session cookie name. */
const SESSION_COOKIE = 'jwtSession';

/**
 * Makes the headers of a new visitor on each call: a session cookie encoded and sealed as the
 * server would (with the library's own codec and sealer; a fresh IV each time) and a token of its own (a fresh `jti`), so no two requests share
 * a cookie value or a token, and no cache of the library's can answer them.
 *
 * @param userOf - the user of the n-th visitor, in the session and as the token's `sub`.
 */
export function visitorForge(userOf: (visitor: number) => string): () => Record<string, string> {
  const sealer = new CookieSealer(new KeyRing([SECRET], 'cookie'));
  const tokens = ourTokenService();
  let visitor = 0;
  return () => {
    visitor += 1;
    const user = userOf(visitor);
    const entries = new Map(Object.entries({ ...SESSION_DATA, user, visits: visitor }));
    const text = sessionDataCodec.encode({ entries, csrf: undefined });
    const cookie = sealer.seal(SESSION_COOKIE, text, Date.now() + TOKEN_LIFETIME * 1000);
    return { cookie: `${SESSION_COOKIE}=${cookie}`, authorization: `Bearer ${tokens.sign(user, TOKEN_LIFETIME, TOKEN_CLAIMS)}` };
  };
}
