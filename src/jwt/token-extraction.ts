import type { IncomingHttpHeaders } from 'node:http';

const BEARER = /^bearer(?:[ \t]+(\S+))?[ \t]*$/i;
const BEARER_SCHEME = /^bearer(?:\s|$)/i;

/**
 * The token a request carries, as gin-jwt-session reads it: the `Authorization` header first
 * (`Bearer <token>`, or a bare token), else the token cookie. When the header names the Bearer
 * scheme or holds a bare token, the cookie is not looked at, so a bad header token is never
 * rescued by a good cookie. A header of another scheme (such as `Basic`) leaves the cookie in use.
 */
export function extractToken(headers: IncomingHttpHeaders, cookie: () => string | undefined): string | undefined {
  const header = headers.authorization?.trim();
  if (header) {
    if (BEARER_SCHEME.test(header)) return BEARER.exec(header)?.[1];
    if (!/\s/.test(header)) return header;
  }
  return cookie() || undefined;
}
