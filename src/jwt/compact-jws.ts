import { InvalidTokenError } from '../errors/token-errors';

/** A compact JWS (`header.payload.signature`) split as sent, with the header fields verification needs. */
export interface CompactJws {
  /** `header.payload` exactly as sent: what the signature covers. */
  readonly signingInput: string;
  /** The payload segment, still base64url. */
  readonly payload: string;
  /** The signature segment, still base64url. */
  readonly signature: string;
  /** The header's `alg`, whatever its type. */
  readonly alg: unknown;
  /** The header's `kid` when it is a string. */
  readonly kid: string | undefined;
}

/**
 * Splits `token` into its three segments and decodes its header.
 *
 * @throws {@link InvalidTokenError} when it has not exactly three segments, its header is not a
 *   base64url JSON object, or the header lists critical extensions (`crit`, RFC 7515 4.1.11): we know none.
 */
export function parseCompactJws(token: string): CompactJws {
  const first = token.indexOf('.');
  const second = token.indexOf('.', first + 1);
  if (first <= 0 || second < 0 || token.includes('.', second + 1)) {
    throw new InvalidTokenError('The token is malformed: a JWT has three dot-separated segments');
  }
  const header = decodeJsonSegment(token.slice(0, first), 'header');
  if (header.crit !== undefined) {
    throw new InvalidTokenError('The token header lists critical extensions ("crit") this library does not support');
  }
  return {
    signingInput: token.slice(0, second),
    payload: token.slice(first + 1, second),
    signature: token.slice(second + 1),
    alg: header.alg,
    kid: typeof header.kid === 'string' ? header.kid : undefined,
  };
}

/**
 * The JSON object a base64url segment of a token holds.
 *
 * @throws {@link InvalidTokenError} naming `part` when the segment is not a JSON object.
 */
export function decodeJsonSegment(segment: string, part: 'header' | 'payload'): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidTokenError(`The token ${part} is not a base64url-encoded JSON object`);
  }
  return value as Record<string, unknown>;
}
