/** RFC 7230 token: visible ASCII except separators. The grammar of cookie names and header names. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Whether `name` is an RFC 7230 token, so usable as a cookie name or a header name. */
export function isHttpToken(name: string): boolean {
  return TOKEN.test(name);
}
