import { createPrivateKey, createPublicKey, KeyObject, randomBytes } from 'node:crypto';
import { ConfigError } from '../errors/config-error';
import { isHttpToken } from './http-token';
import { booleanOption, nonNegativeNumber, objectOption, optionalString, positiveInteger, rejectUnknownKeys } from './validators';
import { DEFAULTS } from './defaults';
import type { SessionStore } from '../store/session-store';
import type { ResolvedCookieOptions, ResolvedCsrfOptions, ResolvedJwtOptions, ResolvedOptions } from './resolved-options';
import type {
  CookieOptions,
  CookiePriority,
  CsrfOptions,
  JwtAlgorithm,
  JwtOptions,
  SameSite,
  SessionManagerOptions,
} from './session-options';

/** What resolving needs to know of the process it runs in. */
export interface ResolveEnvironment {
  readonly production: boolean;
}

const TOP_LEVEL_KEYS = ['secret', 'tokenName', 'sessionName', 'flashName', 'cookie', 'jwt', 'csrf', 'store', 'now'];
const STORE_METHODS = ['load', 'save', 'touch', 'destroy', 'destroyAll', 'revoke'] as const;
const CSRF_KEYS = ['header', 'field'];
const COOKIE_KEYS = ['path', 'domain', 'secure', 'httpOnly', 'sameSite', 'maxAge', 'rolling', 'partitioned', 'priority'];
const JWT_KEYS = [
  'algorithm',
  'expiresIn',
  'issuer',
  'audience',
  'clockTolerance',
  'renewWithin',
  'maxLifetime',
  'secret',
  'privateKey',
  'publicKey',
];
const SAME_SITE: readonly SameSite[] = ['lax', 'strict', 'none'];
const PRIORITIES: readonly CookiePriority[] = ['low', 'medium', 'high'];
const HMAC_ALGORITHMS: readonly JwtAlgorithm[] = ['HS256', 'HS384', 'HS512'];
/** The key type (and EC curve) each asymmetric algorithm needs. */
const KEY_TYPES: Readonly<Record<string, { types: readonly string[]; curve?: string }>> = {
  RS256: { types: ['rsa'] },
  RS384: { types: ['rsa'] },
  RS512: { types: ['rsa'] },
  PS256: { types: ['rsa', 'rsa-pss'] },
  PS384: { types: ['rsa', 'rsa-pss'] },
  PS512: { types: ['rsa', 'rsa-pss'] },
  ES256: { types: ['ec'], curve: 'prime256v1' },
  ES384: { types: ['ec'], curve: 'secp384r1' },
  ES512: { types: ['ec'], curve: 'secp521r1' },
};
const PATH_OR_DOMAIN_FORBIDDEN = /[\u0000-\u001f\u007f;,\s]/;

/**
 * Merges `options` over {@link DEFAULTS} and validates every field.
 *
 * @throws {@link ConfigError} naming the first option that is wrong.
 */
export function resolveOptions(options: SessionManagerOptions, env: ResolveEnvironment): ResolvedOptions {
  if (typeof options !== 'object' || options === null) throw new ConfigError('options', 'must be an object');
  rejectUnknownKeys(options, TOP_LEVEL_KEYS, '');
  const configured = resolveSecrets(options.secret, 'secret', env);
  const secrets = configured ?? [randomBytes(32).toString('base64url')];
  const names = {
    tokenName: cookieName(options.tokenName ?? DEFAULTS.tokenName, 'tokenName'),
    sessionName: cookieName(options.sessionName ?? DEFAULTS.sessionName, 'sessionName'),
    flashName: cookieName(options.flashName ?? DEFAULTS.flashName, 'flashName'),
  };
  if (new Set(Object.values(names)).size !== 3) {
    throw new ConfigError('tokenName', 'tokenName, sessionName and flashName must be three different cookie names');
  }
  const now = options.now ?? Date.now;
  if (typeof now !== 'function') throw new ConfigError('now', 'must be a function returning milliseconds');
  return {
    secrets,
    secretGenerated: configured === undefined,
    ...names,
    cookie: resolveCookie(options.cookie ?? {}, env),
    jwt: resolveJwt(options.jwt ?? {}, secrets),
    csrf: resolveCsrf(options.csrf ?? false),
    store: resolveStore(options.store),
    now,
  };
}

function resolveCookie(cookie: CookieOptions, env: ResolveEnvironment): ResolvedCookieOptions {
  objectOption(cookie, 'cookie');
  rejectUnknownKeys(cookie, COOKIE_KEYS, 'cookie.');
  const path = cookie.path ?? DEFAULTS.cookie.path;
  if (typeof path !== 'string' || !path.startsWith('/') || PATH_OR_DOMAIN_FORBIDDEN.test(path)) {
    throw new ConfigError('cookie.path', 'must start with "/" and hold no spaces, ";", "," or control characters');
  }
  const domain = cookie.domain;
  if (domain !== undefined && (typeof domain !== 'string' || !/^\.?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/.test(domain))) {
    throw new ConfigError('cookie.domain', 'must be a host name such as "example.com"');
  }
  const secure = cookie.secure ?? DEFAULTS.cookie.secure;
  if (secure !== true && secure !== false && secure !== 'auto') {
    throw new ConfigError('cookie.secure', "must be true, false or 'auto'");
  }
  const httpOnly = booleanOption(cookie.httpOnly ?? DEFAULTS.cookie.httpOnly, 'cookie.httpOnly');
  const rolling = booleanOption(cookie.rolling ?? DEFAULTS.cookie.rolling, 'cookie.rolling');
  const partitioned = booleanOption(cookie.partitioned ?? DEFAULTS.cookie.partitioned, 'cookie.partitioned');
  if (partitioned && secure !== true) {
    throw new ConfigError('cookie.partitioned', 'needs cookie.secure: true (browsers drop Partitioned cookies that are not Secure)');
  }
  const priority = cookie.priority;
  if (priority !== undefined && !PRIORITIES.includes(priority)) {
    throw new ConfigError('cookie.priority', "must be 'low', 'medium' or 'high'");
  }
  const sameSite = cookie.sameSite ?? DEFAULTS.cookie.sameSite;
  if (!SAME_SITE.includes(sameSite)) throw new ConfigError('cookie.sameSite', "must be 'lax', 'strict' or 'none'");
  if (sameSite === 'none' && secure !== true) {
    throw new ConfigError('cookie.sameSite', "'none' needs cookie.secure: true (browsers drop SameSite=None cookies that are not Secure)");
  }
  return {
    path,
    domain,
    secure: secure === 'auto' && env.production ? true : secure,
    httpOnly,
    sameSite,
    maxAge: positiveInteger(cookie.maxAge ?? DEFAULTS.cookie.maxAge, 'cookie.maxAge'),
    rolling,
    partitioned,
    priority,
  };
}

function resolveJwt(jwt: JwtOptions, cookieSecrets: readonly string[]): ResolvedJwtOptions {
  objectOption(jwt, 'jwt');
  rejectUnknownKeys(jwt, JWT_KEYS, 'jwt.');
  const algorithm = jwt.algorithm ?? DEFAULTS.jwt.algorithm;
  const hmac = HMAC_ALGORITHMS.includes(algorithm);
  if (!hmac && KEY_TYPES[algorithm] === undefined) {
    throw new ConfigError('jwt.algorithm', `must be one of ${[...HMAC_ALGORITHMS, ...Object.keys(KEY_TYPES)].join(', ')}`);
  }
  const common = {
    algorithm,
    expiresIn: positiveInteger(jwt.expiresIn ?? DEFAULTS.jwt.expiresIn, 'jwt.expiresIn'),
    issuer: optionalString(jwt.issuer, 'jwt.issuer'),
    audience: optionalString(jwt.audience, 'jwt.audience'),
    clockTolerance: nonNegativeNumber(jwt.clockTolerance ?? DEFAULTS.jwt.clockTolerance, 'jwt.clockTolerance'),
    renewWithin: jwt.renewWithin === undefined ? undefined : positiveInteger(jwt.renewWithin, 'jwt.renewWithin'),
    maxLifetime: jwt.maxLifetime === undefined ? undefined : positiveInteger(jwt.maxLifetime, 'jwt.maxLifetime'),
  };
  if (hmac) {
    if (jwt.privateKey !== undefined) throw new ConfigError('jwt.privateKey', `is for RS/PS/ES algorithms, not ${algorithm}`);
    if (jwt.publicKey !== undefined) throw new ConfigError('jwt.publicKey', `is for RS/PS/ES algorithms, not ${algorithm}`);
    const secrets = jwt.secret === undefined ? cookieSecrets : requireSecrets(jwt.secret, 'jwt.secret');
    return { ...common, secrets, privateKey: undefined, publicKey: undefined };
  }
  if (jwt.secret !== undefined) throw new ConfigError('jwt.secret', `is for HS algorithms, not ${algorithm}`);
  const privateKey = jwt.privateKey === undefined ? undefined : asymmetricKey(jwt.privateKey, 'private', algorithm);
  const publicKey =
    jwt.publicKey === undefined
      ? privateKey && createPublicKey(privateKey)
      : asymmetricKey(jwt.publicKey, 'public', algorithm);
  if (publicKey === undefined) throw new ConfigError('jwt.publicKey', `${algorithm} needs jwt.publicKey or jwt.privateKey`);
  return { ...common, secrets: [], privateKey, publicKey };
}

function resolveStore(store: SessionStore | undefined): SessionStore | undefined {
  if (store === undefined) return undefined;
  const missing = STORE_METHODS.find((method) => typeof (store as Partial<SessionStore> | null)?.[method] !== 'function');
  if (missing !== undefined) throw new ConfigError('store', `must implement SessionStore (no ${missing}() method)`);
  return store;
}

function resolveCsrf(csrf: boolean | CsrfOptions): ResolvedCsrfOptions | undefined {
  if (csrf === false) return undefined;
  const given = csrf === true ? {} : csrf;
  objectOption(given, 'csrf');
  rejectUnknownKeys(given, CSRF_KEYS, 'csrf.');
  const header = given.header ?? DEFAULTS.csrf.header;
  if (typeof header !== 'string' || !isHttpToken(header)) throw new ConfigError('csrf.header', 'must be a valid header name');
  const field = given.field ?? DEFAULTS.csrf.field;
  if (typeof field !== 'string' || field === '') throw new ConfigError('csrf.field', 'must be a non-empty string');
  return { header: header.toLowerCase(), field };
}

function resolveSecrets(
  value: string | readonly string[] | undefined,
  option: string,
  env: ResolveEnvironment,
): readonly string[] | undefined {
  if (value !== undefined) return requireSecrets(value, option);
  if (env.production) {
    throw new ConfigError(option, 'is required when NODE_ENV=production (e.g. secret: process.env.SESSION_SECRET)');
  }
  return undefined;
}

function requireSecrets(value: string | readonly string[], option: string): readonly string[] {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0) {
    throw new ConfigError(option, 'must be a string or a non-empty array of strings');
  }
  list.forEach((secret: unknown, index) => {
    const name = typeof value === 'string' ? option : `${option}[${index}]`;
    if (typeof secret !== 'string') throw new ConfigError(name, 'must be a string');
    if (secret.length < DEFAULTS.minSecretLength) {
      throw new ConfigError(name, `must be at least ${DEFAULTS.minSecretLength} characters long (got ${secret.length})`);
    }
  });
  if (new Set(list).size !== list.length) throw new ConfigError(option, 'lists the same secret twice');
  return Object.freeze([...list]);
}

function asymmetricKey(key: string | KeyObject, kind: 'private' | 'public', algorithm: JwtAlgorithm): KeyObject {
  const option = `jwt.${kind}Key`;
  let object: KeyObject;
  try {
    object = key instanceof KeyObject ? key : kind === 'private' ? createPrivateKey(key) : createPublicKey(key);
  } catch (cause) {
    throw new ConfigError(option, `is not a readable ${kind} key (${(cause as Error).message})`);
  }
  if (object.type !== kind) throw new ConfigError(option, `must be a ${kind} key, got a ${object.type} key`);
  const expected = KEY_TYPES[algorithm];
  const curve = object.asymmetricKeyDetails?.namedCurve;
  if (!expected.types.includes(object.asymmetricKeyType ?? '') || (expected.curve && curve !== expected.curve)) {
    const got = curve ? `${object.asymmetricKeyType} ${curve}` : object.asymmetricKeyType;
    throw new ConfigError(option, `does not fit ${algorithm} (got a ${got} key)`);
  }
  return object;
}

function cookieName(value: unknown, option: string): string {
  if (typeof value !== 'string' || !isHttpToken(value)) {
    throw new ConfigError(option, 'must be a valid cookie name: ASCII letters, digits and !#$%&\'*+-.^_`|~, no spaces, ";" or "="');
  }
  return value;
}
