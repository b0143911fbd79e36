import type { SessionManagerOptions } from 'routing-controllers-jwt-session';

/**
 * The demo's session options, in one place for `main.ts` and the specs. `csrf` is on: the login
 * form carries the session's token in a hidden `_csrf` field, so a form posted from another site
 * (which has no way to read that token) is refused with 403 instead of logging the browser in.
 *
 * @param secret - `SESSION_SECRET`; without it the library makes a random per-process secret
 *   (and refuses to start when NODE_ENV=production).
 */
export function demoSessionOptions(secret: string | undefined): SessionManagerOptions {
  return { secret, csrf: true };
}
