import { Controller, Get, Render } from 'routing-controllers';
import { JwtUser, RequireJwt, Session, type SessionHandle } from 'routing-controllers-jwt-session';
import { Service } from 'typedi';

/** What `views/account.ejs` shows. */
export interface AccountPage {
  title: string;
  username: string;
  visits: number;
}

/** The session data this page keeps: typed, so `set('visits', 'x')` would not compile. */
interface AccountSession {
  visits: number;
}

/** A page only for logged-in users; others are sent to the login form with a flash saying why. */
@Service()
@Controller()
export class AccountController {
  @Get('/account')
  @RequireJwt({ redirectTo: '/login', flash: 'Error : please log in to see your account' })
  @Render('account')
  account(@JwtUser({ required: true }) username: string, @Session() session: SessionHandle<AccountSession>): AccountPage {
    const visits = (session.get('visits') ?? 0) + 1;
    session.set('visits', visits);
    return { title: 'Your account', username, visits };
  }
}
