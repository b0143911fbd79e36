export { CsrfToken } from './decorators/csrf-token';
export { Flash } from './decorators/flash';
export type { ParamDecorator } from './decorators/param-decorator';
export { JwtUser, type JwtUserOptions } from './decorators/jwt-user';
export { RequireJwt, type ClassOrMethodDecorator, type RequireJwtOptions } from './decorators/require-jwt';
export { Session } from './decorators/session';
export { ConfigError } from './errors/config-error';
export {
  CsrfError,
  JwtRequiredError,
  JwtSessionHttpError,
  type HttpErrorBody,
  type JwtSessionHttpErrorCode,
} from './errors/http-errors';
export { JwtSessionError, type JwtSessionErrorCode } from './errors/jwt-session-error';
export { SessionCommittedError, SessionTooLargeError } from './errors/session-errors';
export { SessionStoreUnavailableError } from './errors/store-errors';
export { InvalidTokenError, TokenExpiredError } from './errors/token-errors';
export { SessionInterceptor } from './interceptor/session-interceptor';
export type { TokenClaims } from './jwt/token-claims';
export type {
  CookieOptions,
  CookiePriority,
  CsrfOptions,
  JwtAlgorithm,
  JwtOptions,
  SameSite,
  SessionManagerOptions,
} from './options/session-options';
export type { FlashEntry } from './session/flash-bag';
export type { JsonValue } from './session/json-value';
export type { LoginOptions } from './session/request-state';
export { SessionHandle } from './session/session-handle';
export { SessionManager } from './session/session-manager';
export type { RedisClient, RedisTransaction } from './store/redis-client';
export { RedisSessionStore, type RedisSessionStoreOptions } from './store/redis-session-store';
export type { SessionChange, SessionRecord, SessionStore, StoreLoadResult, TokenQuery } from './store/session-store';
