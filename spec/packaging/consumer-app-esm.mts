/**
 * The ESM app pack.spec.ts installs the packed tarball for ("type": "module", so `import` resolves
 * the `import` condition of the package's exports map: dist/index.mjs and dist/index.d.mts). In this
 * repo it type-checks against src/ (tsconfig paths); mocha never loads it, as it is not a spec.
 */
import 'reflect-metadata';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { Body, createExpressServer, Get, JsonController, Post, useContainer } from 'routing-controllers';
import { Container, Service } from 'typedi';
import { JwtUser, RequireJwt, Session, type SessionHandle, SessionInterceptor, SessionManager } from 'routing-controllers-jwt-session';

// The dual-package hazard: were the ESM entry a second build, `require` would load another
// SessionManager class, and code mixing the two would configure one and read the other.
const required = createRequire(import.meta.url)('routing-controllers-jwt-session') as { SessionManager: unknown };
if (required.SessionManager !== SessionManager) {
  console.error('import and require loaded two different copies of routing-controllers-jwt-session');
  process.exit(1);
}

useContainer(Container);
Container.get(SessionManager).configure({ secret: 'packaging-spec-secret-0123456789-abcdefgh' });

@Service()
@JsonController()
class AccountController {
  @Post('/login')
  login(@Session() session: SessionHandle, @Body() form: { username: string }) {
    return { token: session.login(form.username) };
  }

  @Get('/me')
  @RequireJwt()
  me(@JwtUser() username: string) {
    return { username, module: 'esm' };
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
