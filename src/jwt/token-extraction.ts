import type { IncomingHttpHeaders } from 'node:http';

const BEARER = /^bearer(?:[ \t]+(\S+))?[ \t]*$/i;
const BEARER_SCHEME = /^bearer(?:\s|$)/i;

/** A token found in a request, and where. */
export interface FoundToken {
  readonly token: string;
  /** `'header'` for the Authorization header, `'cookie'` for the token cookie. */
  readonly source: 'header' | 'cookie';
}

/**
 * The token a request carries, as gin-jwt-session reads it: the `Authorization` header first
 * (`Bearer <token>`, or a bare token), else the token cookie. When the header names the Bearer
 * scheme or holds a bare token, the cookie is not looked at, so a bad header token is never
 * rescued by a good cookie. A header of another scheme (such as `Basic`) leaves the cookie in use.
 */
export function extractToken(headers: IncomingHttpHeaders, cookie: () => string | undefined): FoundToken | undefined {
  const header = headers.authorization?.trim();
  if (header) {
    if (BEARER_SCHEME.test(header)) {
      const token = BEARER.exec(header)?.[1];
      return token === undefined ? undefined : { token, source: 'header' };
    }
    if (!/\s/.test(header)) return { token: header, source: 'header' };
  }
  const token = cookie();
  return token ? { token, source: 'cookie' } : undefined;
}
