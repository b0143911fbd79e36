import type { IncomingMessage, ServerResponse } from 'node:http';
import { SessionCommittedError } from '../errors/session-errors';
import { onHeaders } from './on-headers';
import type { RequestState } from './request-state';
import { SessionHandle } from './session-handle';

/** The outcome of `work` as a promise, so a synchronous throw becomes a rejection. */
function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error);
  }
}

/** Marks a request whose state was released, so a late caller gets an error, not a stale copy. */
const RELEASED = Symbol('released');

interface Entry {
  readonly state: RequestState;
  readonly handle: Promise<SessionHandle>;
}

/**
 * The state of every request in flight, keyed by the request object (weakly, so even a leaked
 * reference cannot keep a finished request's state alive). A state is created on first use, its
 * cookies are written when the headers go out, and it is released by the interceptor or, on every
 * other path (a thrown error, `@Res()`, an aborted request), when the response closes.
 */
export class RequestRegistry {
  readonly #entries = new WeakMap<IncomingMessage, Entry | typeof RELEASED>();
  #active = 0;

  /** How many requests hold state now. */
  get active(): number {
    return this.#active;
  }

  /**
   * The handle of `request`'s state, created by `create` on first use and loaded from the store if
   * there is one. One promise per request, rejected with a {@link CsrfError} for a request the CSRF
   * defence refuses, or a {@link SessionStoreUnavailableError} when the store cannot be reached.
   */
  handle(request: IncomingMessage, response: ServerResponse, create: () => RequestState): Promise<SessionHandle> {
    const entry = this.#entries.get(request);
    if (entry === RELEASED) return Promise.reject(new SessionCommittedError());
    if (entry !== undefined) return entry.handle;
    const state = create();
    const admit = (): SessionHandle => {
      const rejection = state.csrfRejection();
      if (rejection !== undefined) throw rejection;
      return new SessionHandle(state);
    };
    const handle = state.remote ? state.load().then(admit) : settle(admit);
    this.#entries.set(request, { state, handle });
    this.#active += 1;
    onHeaders(response, () => state.commit());
    response.once('close', () => this.release(request));
    return handle;
  }

  /** Resolves once `request`'s session writes have landed in the store (at once without a store or state). */
  settle(request: IncomingMessage): Promise<void> {
    const entry = this.#entries.get(request);
    return entry === undefined || entry === RELEASED ? Promise.resolve() : entry.state.settled();
  }

  /** Writes `request`'s pending cookies (if its headers are not out yet) and drops its state. */
  release(request: IncomingMessage): void {
    const entry = this.#entries.get(request);
    if (entry === undefined || entry === RELEASED) return;
    entry.state.commit();
    this.#entries.set(request, RELEASED);
    this.#active -= 1;
  }
}
