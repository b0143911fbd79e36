import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { Get, JsonController, Param } from 'routing-controllers';
import { Container, Service } from 'typedi';
import request from 'supertest';
import { Flash } from '../../src/decorators/flash';
import { JwtUser } from '../../src/decorators/jwt-user';
import { Session } from '../../src/decorators/session';
import type { SessionHandle } from '../../src/session/session-handle';
import { SessionManager } from '../../src/session/session-manager';
import { buildApp } from '../support/app';
import { cookieHeader } from '../support/cookies';
import { waitFor } from '../support/wait-for';

const USERS = 200;

@Service()
@JsonController('/isolated')
class IsolationController {
  @Get('/login/:n')
  async login(@Session() session: SessionHandle, @Param('n') n: string) {
    session.login(`user${n}`);
    // Yield so that the other requests interleave with this one.
    await new Promise((resolve) => setImmediate(resolve));
    session.set('secret', `value-of-${n}`);
    session.flash(`hello ${n}`);
    return { ok: true };
  }

  @Get('/me')
  async me(@JwtUser() username: string | undefined, @Session('secret') secret: string | undefined, @Flash() flashes: string[]) {
    await new Promise((resolve) => setImmediate(resolve));
    return { username, secret, flashes };
  }
}

describe('isolation of concurrent requests', () => {
  let server: Server;

  before((done) => {
    server = buildApp([IsolationController]).listen(0, '127.0.0.1', done);
  });

  after((done) => {
    server.close(done);
  });

  it(`gives each of ${USERS} concurrent sessions and tokens only its own data`, async function () {
    this.timeout(30_000);
    const agent = request(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const indexes = Array.from({ length: USERS }, (_, n) => n);
    const logins = await Promise.all(indexes.map((n) => agent.get(`/isolated/login/${n}`).expect(200)));
    const reads = await Promise.all(indexes.map((n) => agent.get('/isolated/me').set('Cookie', cookieHeader(logins[n])).expect(200)));
    reads.forEach((read, n) => {
      expect(read.body, `request ${n}`).to.deep.equal({ username: `user${n}`, secret: `value-of-${n}`, flashes: [`hello ${n}`] });
    });
    await waitFor(() => Container.get(SessionManager).activeRequests === 0);
  });
});
