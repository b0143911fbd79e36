import type { Express } from 'express';
import { expressjwt, type Request as JwtRequest } from 'express-jwt';
import jwt from 'jsonwebtoken';
import { SECRET, SESSION_DATA, TOKEN_CLAIMS, TOKEN_LIFETIME, USERNAME } from '../../fixtures';
import { jwtSecret } from './jwt-secret';

/**
 * The `/setup` and `/work` routes of the stacks that keep `req.session` and use connect-flash and
 * express-jwt (cookie-session and express-session): the session middleware is the only difference.
 */
export function addSessionFlashJwtRoutes(app: Express): void {
  app.get('/setup', (request, response) => {
    Object.assign(request.session as object, SESSION_DATA);
    // Leaves an empty flash bag in the session, so reading flashes later does not change the cookie.
    request.flash();
    response.json({ token: jwt.sign({ ...TOKEN_CLAIMS, sub: USERNAME }, SECRET, { algorithm: 'HS256', expiresIn: TOKEN_LIFETIME }) });
  });

  app.get('/work', expressjwt({ secret: jwtSecret(), algorithms: ['HS256'] }), (request: JwtRequest, response) => {
    // Typed through a cast: express-session's typings claim `request.session` for both stacks.
    const data = request.session as unknown as Record<string, unknown>;
    response.json({ user: data.user, flashes: request.flash('info'), username: request.auth?.sub });
  });
}
