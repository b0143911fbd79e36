import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The demo's accounts, as in gin-jwt-session's example: each password is the username. They are
 * listed on the login page, so they must never guard anything real.
 */
export const DEMO_USERS: ReadonlyMap<string, string> = new Map([
  ['admin', 'admin'],
  ['user1', 'user1'],
  ['user2', 'user2'],
]);

/**
 * Whether `password` is the password of the demo user `username`. Both sides are hashed first so
 * `timingSafeEqual` compares equal-length buffers (it throws otherwise) and the time taken tells
 * nothing about the password's length; an unknown user is compared too, so it costs the same.
 */
export function verifyUser(username: string, password: string): boolean {
  const expected = DEMO_USERS.get(username);
  const same = timingSafeEqual(digest(password), digest(expected ?? ''));
  return expected !== undefined && same;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
