import flash from 'connect-flash';
import cookieSession from 'cookie-session';
import express from 'express';
import { expressjwt, type Request as JwtRequest } from 'express-jwt';
import jwt from 'jsonwebtoken';
import { SECRET, SESSION_DATA, TOKEN_CLAIMS, TOKEN_LIFETIME, USERNAME } from '../../fixtures';
import { jwtSecret } from './jwt-secret';
import { serve } from './serve';

/** express + cookie-session (signed, unencrypted cookie) + connect-flash + express-jwt. */
const app = express();
app.use(cookieSession({ name: 'session', keys: [SECRET], maxAge: TOKEN_LIFETIME * 1000, sameSite: 'lax' }));
app.use(flash());

app.get('/setup', (request, response) => {
  Object.assign(request.session, SESSION_DATA);
  // Leaves an empty flash bag in the session, so reading flashes later does not change the cookie.
  request.flash();
  response.json({ token: jwt.sign({ ...TOKEN_CLAIMS, sub: USERNAME }, SECRET, { algorithm: 'HS256', expiresIn: TOKEN_LIFETIME }) });
});

app.get('/work', expressjwt({ secret: jwtSecret(), algorithms: ['HS256'] }), (request: JwtRequest, response) => {
  // Typed through a cast: express-session's typings (for the other stack) claim `request.session` too.
  const data = request.session as unknown as Record<string, unknown>;
  response.json({ user: data.user, flashes: request.flash('info'), username: request.auth?.sub });
});

serve(app);
