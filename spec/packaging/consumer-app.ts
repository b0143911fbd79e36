/**
 * The CommonJS app pack.spec.ts copies into a temporary directory, installs the packed tarball for and
 * compiles there: it imports only the package and its peers, as a user's app would. In this repo
 * it type-checks against src/ (tsconfig paths); mocha never loads it, as it is not a spec.
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { Body, createExpressServer, Get, JsonController, Post, useContainer } from 'routing-controllers';
import { Container, Service } from 'typedi';
import {
  Flash,
  JwtUser,
  RequireJwt,
  Session,
  type SessionHandle,
  SessionInterceptor,
  SessionManager,
} from 'routing-controllers-jwt-session';

useContainer(Container);
Container.get(SessionManager).configure({ secret: 'packaging-spec-secret-0123456789-abcdefgh' });

@Service()
@JsonController()
class AccountController {
  @Post('/login')
  login(@Session() session: SessionHandle, @Body() form: { username: string }) {
    session.login(form.username);
    session.flash('hi');
    return { ok: true };
  }

  @Get('/me')
  @RequireJwt()
  me(@JwtUser() username: string) {
    return { username };
  }

  @Get('/flash')
  flash(@Flash() flashes: string[]) {
    return flashes;
  }
}

const app: Express = createExpressServer({
  controllers: [AccountController],
  interceptors: [SessionInterceptor],
  development: false,
});

// The spec reads this one line to learn where to send its requests.
const server = app.listen(0, '127.0.0.1', () => {
  console.log((server.address() as AddressInfo).port);
});
