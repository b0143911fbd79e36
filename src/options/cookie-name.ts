/** RFC 6265 cookie-name: an RFC 7230 token (visible ASCII except separators). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Whether `name` may be used as a cookie name. */
export function isValidCookieName(name: string): boolean {
  return TOKEN.test(name);
}
