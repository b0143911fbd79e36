import type { CookieJar } from './cookie-jar';
import { flashCodec, type FlashEntry } from './flash-bag';
import { SealedSlot } from './sealed-slot';
import type { SessionBackend } from './session-backend';
import { sessionDataCodec, type SessionContent } from './session-data';
import type { SessionRuntime } from './session-runtime';

/** The cookie store: the session and the flashes each sealed in a cookie of their own. */
export class CookieBackend implements SessionBackend {
  readonly remote = false;
  readonly #data: SealedSlot<SessionContent>;
  readonly #flashes: SealedSlot<readonly FlashEntry[]>;

  constructor(runtime: SessionRuntime, jar: CookieJar) {
    const { sessionName, flashName, cookie } = runtime.options;
    this.#data = new SealedSlot(sessionName, sessionDataCodec, jar, { rolling: cookie.rolling, decoded: runtime.decodedSessions });
    this.#flashes = new SealedSlot(flashName, flashCodec, jar);
  }

  load(): Promise<boolean> {
    return Promise.resolve(false);
  }

  get content(): SessionContent {
    return this.#data.value;
  }

  get flashes(): readonly FlashEntry[] {
    return this.#flashes.value;
  }

  setContent(next: SessionContent): void {
    this.#data.replace(next);
  }

  setFlashes(next: readonly FlashEntry[]): void {
    this.#flashes.replace(next);
  }

  regenerate(): void {
    this.#data.replace(this.#data.value);
  }

  destroy(): void {
    this.#data.discard();
    this.#flashes.discard();
  }

  revoke(): void {
    // A cookie store keeps nothing server-side: a token stays valid until it expires.
  }

  setCookies(): string[] {
    return [this.#data.setCookie(), this.#flashes.setCookie()].filter((cookie): cookie is string => cookie !== undefined);
  }

  settled(): undefined {
    return undefined;
  }
}
