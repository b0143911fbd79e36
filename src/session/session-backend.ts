import type { TokenClaims } from '../jwt/token-claims';
import type { TokenQuery } from '../store/session-store';
import type { FlashEntry } from './flash-bag';
import type { SessionContent } from './session-data';

/**
 * Where one request's session lives: in sealed cookies (the cookie store) or in a server-side
 * store behind a sealed session-id cookie. {@link RequestState} works the same on either.
 */
export interface SessionBackend {
  /** Whether the session must be fetched (and the token checked) before the request can use it. */
  readonly remote: boolean;
  /** Fetches the session and tells whether `token` was revoked; the cookie store has nothing to fetch. */
  load(token: TokenQuery | undefined): Promise<boolean>;
  readonly content: SessionContent;
  readonly flashes: readonly FlashEntry[];
  /** @throws {@link SessionTooLargeError} (cookie store) when the content would not fit its cookie. */
  setContent(next: SessionContent): void;
  /** @throws {@link SessionTooLargeError} (cookie store) when the flashes would not fit their cookie. */
  setFlashes(next: readonly FlashEntry[]): void;
  /** A new session identity, data kept; with `username`, the session is recorded as theirs. */
  regenerate(username: string | undefined): void;
  /** Ends the session: no data, no flashes, cookies deleted. */
  destroy(): void;
  /** Revokes the token of `claims`, where the store can. */
  revoke(claims: TokenClaims): void;
  /** The `Set-Cookie` values the response needs. */
  setCookies(): string[];
  /**
   * Resolves once every write issued so far has landed (rejects with {@link SessionStoreUnavailableError});
   * undefined when there is nothing to wait for.
   */
  settled(): Promise<void> | undefined;
}
