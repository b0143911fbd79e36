import type { CookiePriority, SameSite } from '../options/session-options';

/** Attributes of one `Set-Cookie` header, resolved for one response. */
export interface SetCookieAttributes {
  readonly path: string;
  readonly domain: string | undefined;
  readonly secure: boolean;
  readonly httpOnly: boolean;
  readonly sameSite: SameSite;
  readonly partitioned: boolean;
  readonly priority: CookiePriority | undefined;
}

const SAME_SITE_VALUE: Readonly<Record<SameSite, string>> = { lax: 'Lax', strict: 'Strict', none: 'None' };
const PRIORITY_VALUE: Readonly<Record<CookiePriority, string>> = { low: 'Low', medium: 'Medium', high: 'High' };

/**
 * A `Set-Cookie` header value. `maxAge` is in seconds; 0 deletes the cookie. `Expires` is sent
 * beside `Max-Age` for old clients, computed from `now` (ms). Names and values are trusted: the
 * options resolver checked the names and the library only writes base64url and JWT values.
 */
export function serializeCookie(name: string, value: string, maxAge: number, now: number, attributes: SetCookieAttributes): string {
  const expires = maxAge > 0 ? new Date(now + maxAge * 1000) : new Date(0);
  let header = `${name}=${value}; Path=${attributes.path}; Expires=${expires.toUTCString()}; Max-Age=${maxAge}`;
  if (attributes.domain !== undefined) header += `; Domain=${attributes.domain}`;
  if (attributes.httpOnly) header += '; HttpOnly';
  if (attributes.secure) header += '; Secure';
  header += `; SameSite=${SAME_SITE_VALUE[attributes.sameSite]}`;
  if (attributes.partitioned) header += '; Partitioned';
  if (attributes.priority !== undefined) header += `; Priority=${PRIORITY_VALUE[attributes.priority]}`;
  return header;
}
