import express from 'express';
import { getIronSession } from 'iron-session';
import jwt from 'jsonwebtoken';
import { SECRET, SESSION_DATA, TOKEN_CLAIMS, TOKEN_LIFETIME, USERNAME } from '../../fixtures';
import { jwtSecret } from './jwt-secret';
import { serve } from './serve';

/** The session shape: the fixture's data plus a flash list, which iron-session leaves to the app. */
interface Data {
  user?: string;
  flashes?: string[];
  [key: string]: unknown;
}

const options = { password: SECRET, cookieName: 'iron', ttl: TOKEN_LIFETIME, cookieOptions: { sameSite: 'lax' as const } };
const secret = jwtSecret();
/** express + iron-session + jsonwebtoken, with flashes kept in the session as iron-session's docs suggest. */
const app = express();

app.get('/setup', async (request, response) => {
  const session = await getIronSession<Data>(request, response, options);
  Object.assign(session, SESSION_DATA);
  await session.save();
  response.json({ token: jwt.sign({ ...TOKEN_CLAIMS, sub: USERNAME }, SECRET, { algorithm: 'HS256', expiresIn: TOKEN_LIFETIME }) });
});

app.get('/work', async (request, response) => {
  const session = await getIronSession<Data>(request, response, options);
  const flashes = session.flashes ?? [];
  if (flashes.length > 0) {
    session.flashes = [];
    await session.save();
  }
  const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  let username: string | undefined;
  try {
    const claims = jwt.verify(token ?? '', secret, { algorithms: ['HS256'] });
    username = typeof claims === 'object' ? claims.sub : undefined;
  } catch {
    username = undefined;
  }
  response.json({ user: session.user, flashes, username });
});

serve(app);
