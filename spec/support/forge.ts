import { createHmac } from 'node:crypto';

function segment(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** An HS256 JWT with any header and payload, even ones jsonwebtoken's sign refuses to make. */
export function forgeHs256(payload: unknown, secret: string, header: object = { alg: 'HS256', typ: 'JWT' }): string {
  const input = `${segment(header)}.${segment(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** An unsigned `alg` token (`header.payload.`), as an attacker sends for `alg: none`. */
export function forgeUnsigned(payload: unknown, alg: string): string {
  return `${segment({ alg, typ: 'JWT' })}.${segment(payload)}.`;
}
