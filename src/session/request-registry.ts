import type { IncomingMessage, ServerResponse } from 'node:http';
import { SessionCommittedError } from '../errors/session-errors';
import type { RequestState } from './request-state';
import { SessionHandle } from './session-handle';

/** Marks a request whose state was released, so a late caller gets an error, not a stale copy. */
const RELEASED = Symbol('released');

interface Entry {
  readonly state: RequestState;
  /** The handle once ready; made on first ask when {@link Entry.ready} is there. */
  handle: Promise<SessionHandle> | undefined;
  /** The handle itself when it was ready at once (the cookie store, admitted): no promise to wait on. */
  readonly ready: SessionHandle | undefined;
}

type Slot = Entry | typeof RELEASED | undefined;

/**
 * The state of every request in flight, held on the request object under a symbol of this
 * registry's own, so it lives no longer than the request (and is dropped on release even when the
 * request lives on). A state is created on first use, its cookies are written when the headers go
 * out, and it is released by the interceptor or, on every other path (a thrown error, `@Res()`, an
 * aborted request), when the response closes.
 */
export class RequestRegistry {
  readonly #key = Symbol('routing-controllers-jwt-session state');
  #active = 0;
  /** One listener for every response: releases the request the closing response answers. */
  readonly #onClose = releaseOnClose(this);

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
    if (entry === RELEASED) return Promise.reject(new SessionCommittedError());
    entry.handle ??= Promise.resolve(entry.ready as SessionHandle);
    return entry.handle;
  }

  /** Like {@link RequestRegistry.handle}, but the handle itself when it is ready without waiting. */
  handleNow(request: IncomingMessage, response: ServerResponse, create: () => RequestState): SessionHandle | Promise<SessionHandle> {
    const entry = this.#open(request, response, create);
    if (entry === RELEASED) return Promise.reject(new SessionCommittedError());
    return entry.ready ?? (entry.handle as Promise<SessionHandle>);
  }

  #open(request: IncomingMessage, response: ServerResponse, create: () => RequestState): Entry | typeof RELEASED {
    const existing = this.#slot(request);
    if (existing !== undefined) return existing;
    const state = create();
    const admit = (): SessionHandle => {
      const rejection = state.csrfRejection();
      if (rejection !== undefined) throw rejection;
      return new SessionHandle(state);
    };
    let ready: SessionHandle | undefined;
    let handle: Promise<SessionHandle> | undefined;
    if (state.remote) {
      handle = state.load().then(admit);
    } else {
      try {
        ready = admit();
      } catch (error) {
        handle = Promise.reject(error);
        // Callers get this rejection; the stored copy must not count as unhandled.
        handle.catch(() => undefined);
      }
    }
    const entry: Entry = { state, handle, ready };
    this.#store(request, entry);
    this.#active += 1;
    response.on('close', this.#onClose);
    return entry;
  }

  /** Resolves once `request`'s session writes have landed in the store; undefined when none are pending. */
  pendingWrites(request: IncomingMessage): Promise<void> | undefined {
    const entry = this.#slot(request);
    return entry === undefined || entry === RELEASED ? undefined : entry.state.settled();
  }

  /** Writes `request`'s pending cookies (if its headers are not out yet) and drops its state. */
  release(request: IncomingMessage): void {
    const entry = this.#slot(request);
    if (entry === undefined || entry === RELEASED) return;
    entry.state.commit();
    this.#store(request, RELEASED);
    this.#active -= 1;
  }

  #slot(request: IncomingMessage): Slot {
    return (request as IncomingMessage & Record<symbol, Slot>)[this.#key];
  }

  #store(request: IncomingMessage, slot: Slot): void {
    (request as IncomingMessage & Record<symbol, Slot>)[this.#key] = slot;
  }
}

/** A `close` listener that releases, in `registry`, the request of the response it is called on. */
function releaseOnClose(registry: RequestRegistry): (this: ServerResponse) => void {
  return function onClose(this: ServerResponse) {
    registry.release(this.req);
  };
}
