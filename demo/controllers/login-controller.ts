import { Controller, Get, Render } from 'routing-controllers';
import { Flash, Session, type SessionHandle } from 'routing-controllers-jwt-session';
import { Service } from 'typedi';
import { toFlashViews, type FlashView } from '../flash-view';
import { DEMO_USERS } from '../users';

/** What `views/login.ejs` shows. */
export interface LoginPage {
  title: string;
  flashes: FlashView[];
  /** True on `/logout`, to say so on the page without a flash that would linger to the next one. */
  loggedOut: boolean;
  demoUsers: string[];
  /** The session's CSRF token, sent back by the form's hidden `_csrf` field. */
  csrfToken: string;
}

/**
 * The login form. Both routes log out first, as the original's LoginHandler served `/logout` too:
 * showing the form means starting over, so no stale token outlives it.
 */
@Service()
@Controller()
export class LoginController {
  @Get('/login')
  @Render('login')
  login(@Session() session: SessionHandle, @Flash() flashes: string[]): LoginPage {
    return loginPage(session, flashes, false);
  }

  @Get('/logout')
  @Render('login')
  logout(@Session() session: SessionHandle, @Flash() flashes: string[]): LoginPage {
    return loginPage(session, flashes, true);
  }
}

/**
 * `@Flash()` already read (and consumed) the pending flashes before the action ran, which matters:
 * `logout()` discards every flash, so they are shown here once and then gone. `logout()` also ends
 * the session that held the CSRF token, so the form's token is taken after it: `@CsrfToken()`, which
 * runs before the action, would hand out the token of the session being ended.
 */
function loginPage(session: SessionHandle, flashes: string[], loggedOut: boolean): LoginPage {
  session.logout();
  const csrfToken = session.csrfToken();
  return { title: 'Jwt Login', flashes: toFlashViews(flashes), loggedOut, demoUsers: [...DEMO_USERS.keys()], csrfToken };
}
