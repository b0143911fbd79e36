import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { CookieSealer } from '../crypto/cookie-sealer';
import { SessionTooLargeError } from '../errors/session-errors';
import { parseCookieHeader } from './cookie-header';
import type { SessionRuntime } from './session-runtime';
import { serializeCookie, type SetCookieAttributes } from './set-cookie';

/** The most a browser keeps of one cookie: name, value and attributes (RFC 6265 section 6.1). */
export const MAX_COOKIE_BYTES = 4096;

/**
 * One request's cookies: reads them (the header is parsed at most once, and only when asked),
 * opens sealed ones, and makes the `Set-Cookie` values of the response.
 */
export class CookieJar {
  readonly #runtime: SessionRuntime;
  readonly #request: IncomingMessage;
  #cookies: ReadonlyMap<string, string> | undefined;
  #resolvedAttributes: SetCookieAttributes | undefined;

  constructor(runtime: SessionRuntime, request: IncomingMessage) {
    this.#runtime = runtime;
    this.#request = request;
  }

  /** The raw value of the request cookie `name`. */
  raw(name: string): string | undefined {
    this.#cookies ??= parseCookieHeader(this.#request.headers.cookie);
    return this.#cookies.get(name);
  }

  /** The text sealed in the request cookie `name`, or undefined when absent or not genuine. */
  open(name: string): string | undefined {
    const value = this.raw(name);
    return value === undefined ? undefined : this.#runtime.sealer.open(name, value, this.#runtime.options.now());
  }

  /** Throws {@link SessionTooLargeError} unless `text`, sealed, fits a browser cookie named `name`. */
  assertSealedFits(name: string, text: string): void {
    this.assertFits(name, CookieSealer.sealedLength(Buffer.byteLength(text, 'utf8')), this.#runtime.options.cookie.maxAge);
  }

  /** Throws {@link SessionTooLargeError} unless a value of `valueLength` bytes fits a cookie named `name`. */
  assertFits(name: string, valueLength: number, maxAge: number): void {
    const size = this.#serialize(name, '', maxAge).length + valueLength;
    if (size > MAX_COOKIE_BYTES) throw new SessionTooLargeError(name, size, MAX_COOKIE_BYTES);
  }

  /** `Set-Cookie` value that seals `text` into the cookie `name` for `cookie.maxAge`. */
  sealed(name: string, text: string): string {
    const { options, sealer } = this.#runtime;
    const now = options.now();
    const maxAge = options.cookie.maxAge;
    return this.#serialize(name, sealer.seal(name, text, now + maxAge * 1000), maxAge, now);
  }

  /** `Set-Cookie` value that stores `value` as is, for `maxAge` seconds. */
  plain(name: string, value: string, maxAge: number): string {
    return this.#serialize(name, value, maxAge);
  }

  /** `Set-Cookie` value that deletes the cookie `name`. */
  expired(name: string): string {
    return this.#serialize(name, '', 0);
  }

  #serialize(name: string, value: string, maxAge: number, now = this.#runtime.options.now()): string {
    return serializeCookie(name, value, maxAge, now, this.#attributes());
  }

  #attributes(): SetCookieAttributes {
    if (this.#resolvedAttributes === undefined) {
      const { path, domain, secure, httpOnly, sameSite, partitioned, priority } = this.#runtime.options.cookie;
      const https = secure === 'auto' ? isHttps(this.#request) : secure;
      this.#resolvedAttributes = { path, domain, httpOnly, sameSite, partitioned, priority, secure: https };
    }
    return this.#resolvedAttributes;
  }
}

/** Express's `req.secure` when present (it follows `trust proxy`), else whether the socket is TLS. */
function isHttps(request: IncomingMessage): boolean {
  const express = (request as IncomingMessage & { secure?: unknown }).secure;
  if (typeof express === 'boolean') return express;
  return (request.socket as TLSSocket | undefined)?.encrypted === true;
}
