import { get } from 'node:http';
import { expect } from 'chai';
import express, { type Express, type Response } from 'express';
import { ForbiddenError, Get, JsonController, Param, Post, QueryParam, Res, UseBefore } from 'routing-controllers';
import { Container, Service } from 'typedi';
import request from 'supertest';
import { JwtUser } from '../../src/decorators/jwt-user';
import { RequireJwt } from '../../src/decorators/require-jwt';
import { Session } from '../../src/decorators/session';
import { SessionCommittedError } from '../../src/errors/session-errors';
import type { SessionHandle } from '../../src/session/session-handle';
import { SessionManager } from '../../src/session/session-manager';
import { buildApp } from '../support/app';
import { cookieHeader, setCookie } from '../support/cookies';
import { waitFor } from '../support/wait-for';
import { serveOnLoopback, type LoopbackServer } from '../demo/support/loopback-server';

/** Lets the `/state/slow` action wait until the spec opens it. */
const gate = { entered: false, open: (): void => undefined, late: undefined as unknown };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

@Service()
@JsonController('/state')
@UseBefore(express.urlencoded({ extended: false }))
class StateController {
  /** Runs of the `/state/change` action. */
  static changes = 0;

  @Get('/seed/:n')
  seed(@Session() session: SessionHandle, @Param('n') n: string) {
    session.set('owner', n);
    return { token: Container.get(SessionManager).generateToken(`user${n}`) };
  }

  /** Reads, waits a little (so requests interleave), writes; every fourth request then fails. */
  @Get('/echo/:n')
  async echo(@Session() session: SessionHandle, @JwtUser() username: string | undefined, @Param('n') n: string) {
    const owner = session.get('owner');
    await pause(Number(n) % 7);
    session.flash(`for ${n}`);
    await pause(Number(n) % 5);
    if (Number(n) % 4 === 3) throw new ForbiddenError(`failed ${n}`);
    return { n, owner, username: username ?? null, again: session.username ?? null };
  }

  @Get('/throw-after-login')
  async throwAfterLogin(@Session() session: SessionHandle) {
    session.login('alice');
    session.flash('welcome');
    await Promise.resolve();
    throw new Error('the database went away');
  }

  @Get('/throw-after-read')
  throwAfterRead(@Session() session: SessionHandle) {
    if (session.has('never-set')) return { unreachable: true };
    throw new Error('failed after only reading the session');
  }

  @Get('/redirect-after-login')
  redirectAfterLogin(@Session() session: SessionHandle, @Res() response: Response) {
    session.login('alice');
    session.set('cart', ['apple']);
    session.flash('welcome');
    response.redirect(303, '/state/landing');
    return response;
  }

  /** Changes the session first when `?change=1`, then waits for the spec. */
  @Get('/slow')
  async slow(@Session() session: SessionHandle, @QueryParam('change') change: unknown) {
    if (String(change) === '1') session.set('early', true);
    else session.get('early');
    gate.entered = true;
    await new Promise<void>((resolve) => (gate.open = resolve));
    try {
      session.set('late', true);
    } catch (error) {
      gate.late = error;
    }
    return { done: true };
  }

  @Get('/flashes')
  flashes(@Session() session: SessionHandle) {
    return session.flashes();
  }

  @Get('/guarded')
  @RequireJwt()
  guarded() {
    return { reached: true };
  }

  @Post('/change')
  change(@Session() session: SessionHandle) {
    StateController.changes += 1;
    session.set('changed', true);
    return { changed: true };
  }
}

const manager = () => Container.get(SessionManager);

describe('per-request state under hostile and failing requests', () => {
  let app: Express;
  let server: LoopbackServer;
  before(async () => {
    app = buildApp([StateController]);
    server = await serveOnLoopback(app);
  });
  after(() => server.close());
  afterEach(() => waitFor(() => manager().activeRequests === 0));

  it('gives each of 100 concurrent requests (header and cookie tokens, a quarter failing) only its own user, session and flash', async function () {
    this.timeout(30_000);
    const agent = request(server.url);
    const ids = Array.from({ length: 100 }, (_, n) => n);
    const seeds = await Promise.all(ids.map((n) => agent.get(`/state/seed/${n}`).expect(200)));
    const answers = await Promise.all(
      ids.map((n) => {
        const token = (seeds[n].body as { token: string }).token;
        const call = agent.get(`/state/echo/${n}`);
        // Even requests carry the token in the header, odd ones in the cookie.
        return n % 2 === 0
          ? call.set('Authorization', `Bearer ${token}`).set('Cookie', cookieHeader(seeds[n]))
          : call.set('Cookie', `${cookieHeader(seeds[n])}; jwtTokenSession=${token}`);
      }),
    );
    const reads = await Promise.all(ids.map((n) => agent.get('/state/flashes').set('Cookie', cookieHeader(answers[n])).expect(200)));
    ids.forEach((n) => {
      if (n % 4 !== 3) {
        expect(answers[n].status, `request ${n}`).to.equal(200);
        expect(answers[n].body, `request ${n}`).to.deep.equal({ n: String(n), owner: String(n), username: `user${n}`, again: `user${n}` });
      } else {
        expect(answers[n].status, `request ${n}`).to.equal(403);
        expect(answers[n].body.message, `request ${n}`).to.equal(`failed ${n}`);
      }
      // The flash each request set before it answered or failed comes back next time, and only that one.
      expect(reads[n].body, `request ${n}`).to.deep.equal([`for ${n}`]);
    });
  });

  it('sends the token and flash cookies of a login made before the action threw, and frees the state', async () => {
    const answer = await request(server.url).get('/state/throw-after-login').expect(500);
    expect(answer.text).not.to.contain('spec-secret');
    const token = setCookie(answer, 'jwtTokenSession')?.value ?? '';
    expect(await manager().validateToken(token)).to.equal('alice');
    expect(setCookie(answer, 'jwtFlash')).not.to.equal(undefined);
    await waitFor(() => manager().activeRequests === 0);
  });

  it('frees the state of an action that threw after only reading the session, and sends no cookie', async () => {
    const answer = await request(server.url).get('/state/throw-after-read').expect(500);
    expect(answer.headers['set-cookie']).to.equal(undefined);
    await waitFor(() => manager().activeRequests === 0);
  });

  it('sends the token, session and flash cookies with a 303 redirect written through @Res()', async () => {
    const answer = await request(server.url).get('/state/redirect-after-login').expect(303).expect('Location', '/state/landing');
    for (const name of ['jwtTokenSession', 'jwtSession', 'jwtFlash']) expect(setCookie(answer, name), name).not.to.equal(undefined);
  });

  it('frees the state of 50 requests refused by @RequireJwt()', async () => {
    await Promise.all(Array.from({ length: 50 }, () => request(server.url).get('/state/guarded').set('Authorization', 'Bearer forged').expect(401)));
    await waitFor(() => manager().activeRequests === 0);
  });

  it('frees the state of a request whose client hung up, and a change its action makes afterwards throws SessionCommittedError', async () => {
    Object.assign(gate, { entered: false, late: undefined });
    const hungUp = get(`${server.url}/state/slow?change=1`);
    hungUp.on('error', () => undefined);
    await waitFor(() => gate.entered);
    expect(manager().activeRequests).to.equal(1);
    hungUp.destroy();
    await waitFor(() => manager().activeRequests === 0);
    gate.open();
    await waitFor(() => gate.late !== undefined);
    expect(gate.late).to.be.instanceOf(SessionCommittedError);
  });

  it('counts no state for a request that only read, and still refuses a change after its client hung up', async () => {
    Object.assign(gate, { entered: false, late: undefined });
    const hungUp = get(`${server.url}/state/slow`);
    hungUp.on('error', () => undefined);
    await waitFor(() => gate.entered);
    expect(manager().activeRequests).to.equal(0);
    hungUp.destroy();
    await pause(50);
    gate.open();
    await waitFor(() => gate.late !== undefined);
    expect(gate.late).to.be.instanceOf(SessionCommittedError);
    expect(manager().activeRequests).to.equal(0);
  });
});

describe('per-request state of requests refused by the CSRF check', () => {
  let app: Express;
  before(() => (app = buildApp([StateController], { session: { csrf: true } })));

  it('answers 403, runs no action, and frees the state of 50 forged POSTs', async () => {
    const changes = StateController.changes;
    const answers = await Promise.all(Array.from({ length: 50 }, () => request(app).post('/state/change').type('form').send({ _csrf: 'guess' })));
    expect(StateController.changes).to.equal(changes);
    for (const answer of answers) {
      expect(answer.status).to.equal(403);
      expect(answer.body).to.include({ name: 'CsrfError', code: 'ERR_CSRF' });
      expect(answer.headers['set-cookie']).to.equal(undefined);
    }
    await waitFor(() => manager().activeRequests === 0);
  });
});
