import flash from 'connect-flash';
import express from 'express';
import { expressjwt, type Request as JwtRequest } from 'express-jwt';
import session from 'express-session';
import jwt from 'jsonwebtoken';
import { SECRET, SESSION_DATA, TOKEN_CLAIMS, TOKEN_LIFETIME, USERNAME } from '../../fixtures';
import { jwtSecret } from './jwt-secret';
import { serve } from './serve';

/** express + express-session (signed session id, data in the default MemoryStore) + connect-flash + express-jwt. */
const app = express();
app.use(
  session({
    secret: SECRET,
    resave: false,
    saveUninitialized: false,
    cookie: { maxAge: TOKEN_LIFETIME * 1000, sameSite: 'lax' },
  }),
);
app.use(flash());

app.get('/setup', (request, response) => {
  Object.assign(request.session, SESSION_DATA);
  request.flash();
  response.json({ token: jwt.sign({ ...TOKEN_CLAIMS, sub: USERNAME }, SECRET, { algorithm: 'HS256', expiresIn: TOKEN_LIFETIME }) });
});

app.get('/work', expressjwt({ secret: jwtSecret(), algorithms: ['HS256'] }), (request: JwtRequest, response) => {
  const data = request.session as unknown as Record<string, unknown>;
  response.json({ user: data.user, flashes: request.flash('info'), username: request.auth?.sub });
});

serve(app);
