import flash from 'connect-flash';
import express from 'express';
import session from 'express-session';
import { SECRET, TOKEN_LIFETIME } from '../../fixtures';
import { serve } from './serve';
import { addSessionFlashJwtRoutes } from './session-flash-jwt-routes';

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
addSessionFlashJwtRoutes(app);
serve(app);
