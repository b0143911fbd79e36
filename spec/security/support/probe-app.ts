import { Get, JsonController, Param } from 'routing-controllers';
import { Service } from 'typedi';
import { JwtUser } from '../../../src/decorators/jwt-user';
import { RequireJwt } from '../../../src/decorators/require-jwt';
import { Session } from '../../../src/decorators/session';
import type { SessionHandle } from '../../../src/session/session-handle';

/** What `/probe/session` answers: everything a request could learn from its cookies and token. */
export interface SessionView {
  entries: Record<string, unknown>;
  flashes: unknown[];
  username: string | null;
}

/**
 * The routes the security specs attack: who the token says the user is (optional and guarded), and
 * what the session and flash cookies hold. `guardedRuns` counts the guarded action's runs, so a spec
 * can prove that a refused request never reached it.
 */
@Service()
@JsonController('/probe')
export class ProbeController {
  static guardedRuns = 0;

  @Get('/user')
  user(@JwtUser() username: string | undefined) {
    return { username: username ?? null };
  }

  @Get('/guarded')
  @RequireJwt()
  guarded(@JwtUser() username: string) {
    ProbeController.guardedRuns += 1;
    return { username };
  }

  @Get('/write')
  write(@Session() session: SessionHandle) {
    session.set('cart', ['apple', 'pear']);
    session.flash('hello');
    return { written: true };
  }

  @Get('/login/:name')
  login(@Session() session: SessionHandle, @Param('name') name: string) {
    return { token: session.login(name) };
  }

  @Get('/logout')
  logout(@Session() session: SessionHandle) {
    session.logout();
    return { loggedOut: true };
  }

  @Get('/session')
  session(@Session() session: SessionHandle): SessionView {
    const entries = Object.fromEntries(session.keys().map((key) => [key, session.get(key)]));
    return { entries, flashes: session.flashes(), username: session.username ?? null };
  }
}

/** The answer of `/probe/session` for a request whose cookies are missing or not genuine. */
export const EMPTY_SESSION: SessionView = { entries: {}, flashes: [], username: null };
