import type { DecodedCache } from '../cache/decoded-cache';
import type { CookieSealer } from '../crypto/cookie-sealer';
import type { TokenService } from '../jwt/token-service';
import type { ResolvedOptions } from '../options/resolved-options';
import type { SessionContent } from './session-data';

/** What every request's state is built from; made once per `configure` call. */
export interface SessionRuntime {
  readonly options: ResolvedOptions;
  readonly sealer: CookieSealer;
  readonly tokens: TokenService;
  /** Session cookie contents decoded before, by their opened text; shared, so never changed in place. */
  readonly decodedSessions: DecodedCache<SessionContent>;
}
