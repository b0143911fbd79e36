import { sealData, unsealData } from 'iron-session';
import { SECRET, SESSION_DATA, TOKEN_LIFETIME } from '../fixtures';
import type { MicroCase } from './micro-case';

/**
 * iron-session's sealing of the same session data. Iron derives its AES-256-CBC and HMAC-SHA256 keys
 * with PBKDF2 on every call, through async WebCrypto.
 */
export async function ironSessionCases(): Promise<MicroCase[]> {
  const options = { password: SECRET, ttl: TOKEN_LIFETIME };
  const sealed = await sealData(SESSION_DATA, options);
  return [
    { name: 'iron-session: sealData', group: 'seal', run: () => sealData(SESSION_DATA, options) },
    { name: 'iron-session: unsealData', group: 'unseal', run: () => unsealData(sealed, options) },
  ];
}
