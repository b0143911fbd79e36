import type { CookieSealer } from '../crypto/cookie-sealer';
import type { TokenService } from '../jwt/token-service';
import type { ResolvedOptions } from '../options/resolved-options';

/** What every request's state is built from; made once per `configure` call. */
export interface SessionRuntime {
  readonly options: ResolvedOptions;
  readonly sealer: CookieSealer;
  readonly tokens: TokenService;
}
