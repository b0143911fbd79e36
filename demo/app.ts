import 'reflect-metadata';
import path from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { useContainer, useExpressServer } from 'routing-controllers';
import { SessionInterceptor } from 'routing-controllers-jwt-session';
import { Container } from 'typedi';
import { AccountController } from './controllers/account-controller';
import { ApiController } from './controllers/api-controller';
import { CookieExampleController } from './controllers/cookie-example-controller';
import { HomeController } from './controllers/home-controller';
import { LoginController } from './controllers/login-controller';
import { PingController } from './controllers/ping-controller';
import { ValidateLoginController } from './controllers/validate-login-controller';
import { handleErrors } from './error-handler';

/**
 * The demo's express app, built by routing-controllers, without listening: `main.ts` serves it and
 * the specs drive it. Configure `SessionManager` (from typedi's container) before requests arrive.
 */
export function createDemoApp(): Express {
  // typedi 0.10 only builds classes marked @Service(), which every controller is.
  useContainer(Container);
  const app = express();
  app.disable('x-powered-by');
  app.set('views', path.join(__dirname, 'views'));
  app.set('view engine', 'ejs');
  app.use(securityHeaders);
  app.use('/static', express.static(path.join(__dirname, 'public')));
  // Browsers ask for /favicon.ico on pages that name no icon, such as /api/me's JSON.
  app.get('/favicon.ico', (_request, response) => response.redirect(301, '/static/favicon.svg'));
  useExpressServer(app, {
    controllers: [
      HomeController,
      LoginController,
      ValidateLoginController,
      CookieExampleController,
      PingController,
      ApiController,
      AccountController,
    ],
    interceptors: [SessionInterceptor],
    // Bodies are read by hand (see login-form.ts): no class-transformer or class-validator needed.
    classTransformer: false,
    validation: false,
    development: false,
  });
  app.use(handleErrors);
  return app;
}

/**
 * The pages use no inline script or style, so a strict policy costs nothing and is a second line
 * behind the templates' escaping; framing is refused so the login form cannot be overlaid.
 */
function securityHeaders(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader('Content-Security-Policy', "default-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'same-origin');
  next();
}
