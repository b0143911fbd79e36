import request from 'supertest';
import { SessionManager } from '../../../src/session/session-manager';
import { setCookie } from '../../support/cookies';
import { rawServer } from '../../support/raw-server';

/**
 * The value of a genuine flash cookie holding `message`, sealed under `secret` the way any app
 * holding that secret would seal it: what a page shows when an app flashes text a user typed.
 */
export async function plantedFlashCookie(secret: string, message: string, flashName = 'jwtFlash'): Promise<string> {
  const manager = new SessionManager().configure({ secret, flashName });
  const answer = await request(rawServer(manager, (session) => session.flash(message))).get('/').expect(200);
  const value = setCookie(answer, flashName)?.value;
  if (value === undefined) throw new Error('no flash cookie was set');
  return value;
}

/** Markup an attacker would like a page to run, were a flash holding it rendered as HTML. */
export const HOSTILE_FLASHES: readonly string[] = [
  "<script>document.title='pwned'</script>",
  '<img src=x onerror="document.title=\'pwned\'">',
  '"><svg onload=alert(1)>',
  '</li></ul><script>alert(1)</script>',
  "<a href=\"javascript:alert('x')\">click</a>",
  '<%= process.env.SESSION_SECRET %>',
];
