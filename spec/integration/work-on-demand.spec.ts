import { createServer, type IncomingMessage, type Server } from 'node:http';
import { expect } from 'chai';
import { Get, JsonController } from 'routing-controllers';
import { Container, Service } from 'typedi';
import request from 'supertest';
import { CookieSealer } from '../../src/crypto/cookie-sealer';
import { Flash } from '../../src/decorators/flash';
import { JwtUser } from '../../src/decorators/jwt-user';
import { RequireJwt } from '../../src/decorators/require-jwt';
import { Session } from '../../src/decorators/session';
import { TokenService } from '../../src/jwt/token-service';
import type { SessionHandle } from '../../src/session/session-handle';
import { SessionManager } from '../../src/session/session-manager';
import { buildApp } from '../support/app';
import { cookieHeader } from '../support/cookies';

@Service()
@JsonController('/on-demand')
class OnDemandController {
  @Get('/login')
  login(@Session() session: SessionHandle) {
    session.set('user', 'alice');
    session.flash('welcome');
    return { token: session.login('alice') };
  }

  @Get('/plain')
  plain() {
    return { plain: true };
  }

  @Get('/user')
  user(@JwtUser() username: string | undefined) {
    return { username: username ?? null };
  }

  @Get('/value')
  value(@Session('user') user: string | undefined) {
    return { user: user ?? null };
  }

  @Get('/guarded')
  @RequireJwt()
  guarded(@JwtUser() username: string | undefined) {
    return { username: username ?? null };
  }

  @Get('/everything')
  everything(
    @Session('user') user: string | undefined,
    @Session() session: SessionHandle,
    @Flash() flashes: string[],
    @JwtUser() username: string | undefined,
    @JwtUser() again: string | undefined,
  ) {
    return { user: user ?? null, keys: session.keys(), flashes, username: username ?? null, again: again ?? null, token: session.username ?? null };
  }
}

/** What the library did to the request in flight: Cookie header reads, cookies opened by name, tokens verified. */
interface Work {
  cookieHeaderReads: number;
  opened: Map<string, number>;
  verified: number;
}

const work: Work = { cookieHeaderReads: 0, opened: new Map(), verified: 0 };

function reset(): void {
  work.cookieHeaderReads = 0;
  work.opened.clear();
  work.verified = 0;
}

/** Counts every read of the request's Cookie header, keeping its value. */
function countCookieReads(req: IncomingMessage): void {
  const value = req.headers.cookie;
  Object.defineProperty(req.headers, 'cookie', {
    enumerable: true,
    configurable: true,
    get() {
      work.cookieHeaderReads += 1;
      return value;
    },
  });
}

describe('work done on each request (only what the action needs)', () => {
  const originalOpen = CookieSealer.prototype.open;
  const originalVerify = TokenService.prototype.verify;
  let server: Server;
  let cookie: string;
  let bearer: string;

  before(async () => {
    const app = buildApp([OnDemandController]);
    server = createServer((req, res) => {
      countCookieReads(req);
      app(req, res);
    });
    const login = await request(server).get('/on-demand/login');
    cookie = cookieHeader(login);
    bearer = `Bearer ${(login.body as { token: string }).token}`;
    CookieSealer.prototype.open = function open(this: CookieSealer, name: string, value: string, now: number) {
      work.opened.set(name, (work.opened.get(name) ?? 0) + 1);
      return originalOpen.call(this, name, value, now);
    };
    TokenService.prototype.verify = function verify(this: TokenService, token: string) {
      work.verified += 1;
      return originalVerify.call(this, token);
    };
  });

  after(() => {
    CookieSealer.prototype.open = originalOpen;
    TokenService.prototype.verify = originalVerify;
  });

  beforeEach(reset);

  afterEach(() => {
    expect(Container.get(SessionManager).activeRequests, 'no request state outlives its request').to.equal(0);
  });

  it('reads no cookie, opens nothing and verifies no token for an action without the decorators', async () => {
    const response = await request(server).get('/on-demand/plain').set('Cookie', cookie).set('Authorization', bearer);
    expect(response.body).to.deep.equal({ plain: true });
    expect(work).to.deep.equal({ cookieHeaderReads: 0, opened: new Map(), verified: 0 });
  });

  it('verifies a Bearer token without reading or opening any cookie when only @JwtUser() is used', async () => {
    const response = await request(server).get('/on-demand/user').set('Cookie', cookie).set('Authorization', bearer);
    expect(response.body).to.deep.equal({ username: 'alice' });
    expect(work).to.deep.equal({ cookieHeaderReads: 0, opened: new Map(), verified: 1 });
  });

  it('reads the token cookie once and opens no sealed cookie when @JwtUser() has no Bearer header', async () => {
    const response = await request(server).get('/on-demand/user').set('Cookie', cookie);
    expect(response.body).to.deep.equal({ username: 'alice' });
    expect(work).to.deep.equal({ cookieHeaderReads: 1, opened: new Map(), verified: 1 });
  });

  it('opens only the session cookie, and verifies no token, for @Session(key) alone', async () => {
    const response = await request(server).get('/on-demand/value').set('Cookie', cookie).set('Authorization', bearer);
    expect(response.body).to.deep.equal({ user: 'alice' });
    expect(work).to.deep.equal({ cookieHeaderReads: 1, opened: new Map([['jwtSession', 1]]), verified: 0 });
  });

  it('verifies the token once for @RequireJwt() and @JwtUser() together', async () => {
    const response = await request(server).get('/on-demand/guarded').set('Authorization', bearer);
    expect(response.body).to.deep.equal({ username: 'alice' });
    expect(work.verified).to.equal(1);
  });

  it('parses the Cookie header once, opens each cookie once and verifies the token once for every decorator together', async () => {
    const response = await request(server).get('/on-demand/everything').set('Cookie', cookie);
    expect(response.body).to.deep.equal({ user: 'alice', keys: ['user'], flashes: ['welcome'], username: 'alice', again: 'alice', token: 'alice' });
    expect(work).to.deep.equal({
      cookieHeaderReads: 1,
      opened: new Map([
        ['jwtSession', 1],
        ['jwtFlash', 1],
      ]),
      verified: 1,
    });
  });
});
