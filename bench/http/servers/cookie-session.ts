import flash from 'connect-flash';
import cookieSession from 'cookie-session';
import express from 'express';
import { SECRET, TOKEN_LIFETIME } from '../../fixtures';
import { serve } from './serve';
import { addSessionFlashJwtRoutes } from './session-flash-jwt-routes';

/** express + cookie-session (signed, unencrypted cookie) + connect-flash + express-jwt. */
const app = express();
app.use(cookieSession({ name: 'session', keys: [SECRET], maxAge: TOKEN_LIFETIME * 1000, sameSite: 'lax' }));
app.use(flash());
addSessionFlashJwtRoutes(app);
serve(app);
