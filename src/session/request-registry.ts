import type { IncomingMessage, ServerResponse } from 'node:http';
import { SessionCommittedError } from '../errors/session-errors';
import type { RequestState } from './request-state';
import { SessionHandle } from './session-handle';

interface Entry {
  /** Undefined once released: a late caller then gets an error, not a stale copy. */
  state: RequestState | undefined;
  /** The handle once ready; made on first ask when {@link Entry.ready} is there. */
  handle: Promise<SessionHandle> | undefined;
  /** The handle itself when it was ready at once (the cookie store, admitted): no promise to wait on. */
  ready: SessionHandle | undefined;
  /** Whether the state holds changes to release, so is counted and watched for the response's close. */
  held: boolean;
}

/**
 * The state of every request in flight, keyed by the request object (weakly, so even a leaked
 * reference cannot keep a finished request's state alive). A state is created on first use, its
 * cookies are written when the headers go out, and it is released by the interceptor or, on every
 * other path (a thrown error, `@Res()`, an aborted request), when the response closes. A state that
 * only read holds nothing to release: it is not counted, and no `close` listener is added for it.
 */
export class RequestRegistry {
  readonly #entries = new WeakMap<IncomingMessage, Entry>();
  #held = 0;
  /** One listener for every response: releases the request the closing response answers. */
  readonly #onClose = releaseOnClose(this);

  /** How many requests hold session changes not yet released. */
  get active(): number {
    return this.#held;
  }

  /**
   * The handle of `request`'s state, created by `create` on first use and loaded from the store if
   * there is one. One promise per request, rejected with a {@link CsrfError} for a request the CSRF
   * defence refuses, or a {@link SessionStoreUnavailableError} when the store cannot be reached.
   * `create` is given the function the state calls on its first change.
   */
  handle(request: IncomingMessage, response: ServerResponse, create: (hold: () => void) => RequestState): Promise<SessionHandle> {
    const entry = this.#open(request, response, create);
    if (entry.state === undefined) return Promise.reject(new SessionCommittedError());
    entry.handle ??= Promise.resolve(entry.ready as SessionHandle);
    return entry.handle;
  }

  /** Like {@link RequestRegistry.handle}, but the handle itself when it is ready without waiting. */
  handleNow(request: IncomingMessage, response: ServerResponse, create: (hold: () => void) => RequestState): SessionHandle | Promise<SessionHandle> {
    const entry = this.#open(request, response, create);
    if (entry.state === undefined) return Promise.reject(new SessionCommittedError());
    return entry.ready ?? (entry.handle as Promise<SessionHandle>);
  }

  #open(request: IncomingMessage, response: ServerResponse, create: (hold: () => void) => RequestState): Entry {
    const existing = this.#entries.get(request);
    if (existing !== undefined) return existing;
    const entry: Entry = { state: undefined, handle: undefined, ready: undefined, held: false };
    const state = create(() => this.#hold(entry, response));
    entry.state = state;
    if (state.remote) {
      entry.handle = state.load().then(() => admit(state));
    } else {
      try {
        entry.ready = admit(state);
      } catch (error) {
        entry.handle = Promise.reject(error);
        // Callers get this rejection; the stored copy must not count as unhandled.
        entry.handle.catch(() => undefined);
      }
    }
    this.#entries.set(request, entry);
    return entry;
  }

  #hold(entry: Entry, response: ServerResponse): void {
    if (entry.held || entry.state === undefined) return;
    entry.held = true;
    this.#held += 1;
    response.on('close', this.#onClose);
  }

  /** Resolves once `request`'s session writes have landed in the store; undefined when none are pending. */
  pendingWrites(request: IncomingMessage): Promise<void> | undefined {
    return this.#entries.get(request)?.state?.settled();
  }

  /** Writes `request`'s pending cookies (if its headers are not out yet) and drops its state. */
  release(request: IncomingMessage): void {
    const entry = this.#entries.get(request);
    const state = entry?.state;
    if (entry === undefined || state === undefined) return;
    state.commit();
    entry.state = undefined;
    entry.ready = undefined;
    entry.handle = undefined;
    if (entry.held) this.#held -= 1;
  }
}

/** The handle of a state the CSRF defence admits. @throws {@link CsrfError} otherwise. */
function admit(state: RequestState): SessionHandle {
  const rejection = state.csrfRejection();
  if (rejection !== undefined) throw rejection;
  return new SessionHandle(state);
}

/** A `close` listener that releases, in `registry`, the request of the response it is called on. */
function releaseOnClose(registry: RequestRegistry): (this: ServerResponse) => void {
  return function onClose(this: ServerResponse) {
    registry.release(this.req);
  };
}
