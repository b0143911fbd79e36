import type { IncomingMessage, ServerResponse } from 'node:http';
import { SessionCommittedError } from '../errors/session-errors';
import type { RequestState } from './request-state';
import { SessionHandle } from './session-handle';

/** Marks a request whose state was released, so a late caller gets an error, not a stale copy. */
const RELEASED = Symbol('released');

interface Entry {
  readonly state: RequestState;
  readonly handle: Promise<SessionHandle>;
  /** The handle itself when it was ready at once (the cookie store, admitted): no promise to wait on. */
  readonly ready: SessionHandle | undefined;
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
    const entry = this.#open(request, response, create);
    return entry === RELEASED ? Promise.reject(new SessionCommittedError()) : entry.handle;
  }

  /** Like {@link RequestRegistry.handle}, but the handle itself when it is ready without waiting. */
  handleNow(request: IncomingMessage, response: ServerResponse, create: () => RequestState): SessionHandle | Promise<SessionHandle> {
    const entry = this.#open(request, response, create);
    return entry === RELEASED ? Promise.reject(new SessionCommittedError()) : (entry.ready ?? entry.handle);
  }

  #open(request: IncomingMessage, response: ServerResponse, create: () => RequestState): Entry | typeof RELEASED {
    const existing = this.#entries.get(request);
    if (existing !== undefined) return existing;
    const state = create();
    const admit = (): SessionHandle => {
      const rejection = state.csrfRejection();
      if (rejection !== undefined) throw rejection;
      return new SessionHandle(state);
    };
    let ready: SessionHandle | undefined;
    let handle: Promise<SessionHandle>;
    if (state.remote) {
      handle = state.load().then(admit);
    } else {
      try {
        ready = admit();
        handle = Promise.resolve(ready);
      } catch (error) {
        handle = Promise.reject(error);
        // Callers get this rejection; the stored copy must not count as unhandled.
        handle.catch(() => undefined);
      }
    }
    const entry: Entry = { state, handle, ready };
    this.#entries.set(request, entry);
    this.#active += 1;
    response.once('close', () => this.release(request));
    return entry;
  }

  /** Resolves once `request`'s session writes have landed in the store; undefined when none are pending. */
  pendingWrites(request: IncomingMessage): Promise<void> | undefined {
    const entry = this.#entries.get(request);
    return entry === undefined || entry === RELEASED ? undefined : entry.state.settled();
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
