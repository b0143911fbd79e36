import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

type WriteHead = ServerResponse['writeHead'];

/**
 * Runs `listener` once, just before `response` sends its headers, however they are sent:
 * `res.json`, `res.redirect`, `res.end`, a stream, or a direct `writeHead` call (the same hook
 * as express-session's on-headers). Headers passed to `writeHead` are applied first, so a
 * listener that appends `Set-Cookie` never has its value replaced by them.
 */
export function onHeaders(response: ServerResponse, listener: () => void): void {
  const writeHead: WriteHead = response.writeHead;
  let fired = false;
  response.writeHead = function (this: ServerResponse, statusCode: number, ...rest: unknown[]): ServerResponse {
    if (fired) return Reflect.apply(writeHead, this, [statusCode, ...rest]) as ServerResponse;
    fired = true;
    const reason = typeof rest[0] === 'string' ? rest.shift() : undefined;
    const headers = rest[0];
    if (headers !== undefined && headers !== null && !Array.isArray(headers)) {
      for (const [name, value] of Object.entries(headers as OutgoingHttpHeaders)) {
        if (value !== undefined) this.setHeader(name, value);
      }
      rest.shift();
    }
    this.statusCode = statusCode;
    listener();
    const args = reason === undefined ? [this.statusCode, ...rest] : [this.statusCode, reason, ...rest];
    return Reflect.apply(writeHead, this, args) as ServerResponse;
  } as WriteHead;
}

/** Adds `values` to the response's `Set-Cookie` headers, keeping those already set. */
export function appendSetCookie(response: ServerResponse, values: readonly string[]): void {
  const existing = response.getHeader('Set-Cookie');
  const current = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
  response.setHeader('Set-Cookie', [...current, ...values]);
}
