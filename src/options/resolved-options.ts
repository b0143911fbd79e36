import type { KeyObject } from 'node:crypto';
import type { SessionStore } from '../store/session-store';
import type { CookiePriority, JwtAlgorithm, SameSite } from './session-options';

/** Cookie attributes after defaults and validation. */
export interface ResolvedCookieOptions {
  readonly path: string;
  readonly domain: string | undefined;
  /** `'auto'` is already replaced by `true` in production. */
  readonly secure: boolean | 'auto';
  readonly httpOnly: boolean;
  readonly sameSite: SameSite;
  readonly maxAge: number;
  readonly rolling: boolean;
  readonly partitioned: boolean;
  readonly priority: CookiePriority | undefined;
}

/** Token settings after defaults and validation. */
export interface ResolvedJwtOptions {
  readonly algorithm: JwtAlgorithm;
  readonly expiresIn: number;
  readonly issuer: string | undefined;
  readonly audience: string | undefined;
  readonly clockTolerance: number;
  readonly renewWithin: number | undefined;
  readonly maxLifetime: number | undefined;
  /** HMAC secrets, newest first; empty for asymmetric algorithms. */
  readonly secrets: readonly string[];
  readonly privateKey: KeyObject | undefined;
  readonly publicKey: KeyObject | undefined;
}

/** CSRF settings after defaults and validation; absent when the defence is off. */
export interface ResolvedCsrfOptions {
  /** Lower-case header name. */
  readonly header: string;
  readonly field: string;
}

/** Every option after defaults and validation: what the services are built from. */
export interface ResolvedOptions {
  /** Cookie secrets, newest first. */
  readonly secrets: readonly string[];
  /** True when no secret was configured and a random one was made for this process. */
  readonly secretGenerated: boolean;
  readonly tokenName: string;
  readonly sessionName: string;
  readonly flashName: string;
  readonly cookie: ResolvedCookieOptions;
  readonly jwt: ResolvedJwtOptions;
  readonly csrf: ResolvedCsrfOptions | undefined;
  /** The server-side store; undefined for the cookie store. */
  readonly store: SessionStore | undefined;
  readonly now: () => number;
}
