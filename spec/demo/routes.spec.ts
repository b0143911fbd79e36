import 'reflect-metadata';
import { expect } from 'chai';
import type { Express } from 'express';
import { SessionManager } from 'routing-controllers-jwt-session';
import request, { type Response } from 'supertest';
import { Container } from 'typedi';
import { createDemoApp } from '../../demo/app';
import { formatAsDate } from '../../demo/format-date';
import { demoSessionOptions } from '../../demo/session-options';
import { setCookie } from '../support/cookies';
import { serveOnLoopback, type LoopbackServer } from './support/loopback-server';

const SECRET = 'demo-spec-secret-0123456789-abcdefghijkl';
const XSS = '<script>alert("x")</script>';

/** The CSRF token of the login form a page holds. */
function csrfTokenOf(page: Response): string {
  const token = /<input type="hidden" name="_csrf" value="([\w-]+)">/.exec(page.text)?.[1];
  if (token === undefined) throw new Error(`no _csrf field in:\n${page.text}`);
  return token;
}

/** What a page shows in its flash list, in order. */
function flashesOf(html: string): string[] {
  return [...html.matchAll(/<li class="flash flash-\w+">([^<]*)<\/li>/g)].map((match) => match[1]);
}

describe('demo app over HTTP', () => {
  let app: Express;
  let server: LoopbackServer;
  let manager: SessionManager;

  before(async () => {
    // The manager the package's decorators resolve: the one the demo's main.ts configures.
    manager = Container.get(SessionManager).configure(demoSessionOptions(SECRET));
    app = createDemoApp();
    // A spec-only route that plants any flash, through the public API express middlewares use.
    app.get('/spec/flash', (req, res, next) => {
      manager
        .session(req, res)
        .then((session) => {
          session.flash(String(req.query.message));
          res.status(204).end();
        })
        .catch(next);
    });
    server = await serveOnLoopback(app);
  });

  after(async () => {
    await server?.close();
  });

  /** A cookie-keeping client, like one browser. */
  const browser = () => request.agent(server.url);

  /** Opens the login form in `agent`, as a browser does before submitting it, and returns its CSRF token. */
  async function openForm(agent: ReturnType<typeof browser>): Promise<string> {
    return csrfTokenOf(await agent.get('/login').expect(200));
  }

  /** Posts the login form `fields` from `agent`, with the token of the form it opened first; expects a 303 to `location`. */
  async function submitForm(agent: ReturnType<typeof browser>, fields: Record<string, string>, location: string): Promise<Response> {
    const _csrf = await openForm(agent);
    return agent.post('/validate-jwt-login').type('form').send({ ...fields, _csrf }).expect(303).expect('Location', location);
  }

  async function logIn(username = 'admin', password = username) {
    const agent = browser();
    await submitForm(agent, { username, password }, '/');
    return agent;
  }

  describe('GET /ping', () => {
    it('answers {"ping":"pong"}', async () => {
      const response = await request(server.url).get('/ping').expect(200).expect('Content-Type', /json/);
      expect(response.body).to.deep.equal({ ping: 'pong' });
    });
  });

  describe('GET /login', () => {
    it('shows the login form, says the users are demo users, and links the stylesheet', async () => {
      const response = await browser().get('/login').expect(200).expect('Content-Type', /html/);
      expect(response.text).to.include('<form class="card" method="post" action="/validate-jwt-login">');
      expect(csrfTokenOf(response)).to.match(/^[\w-]{43}$/);
      expect(response.text).to.include('name="username"').and.to.include('name="password" type="password"');
      expect(response.text).to.include('These are demo users');
      for (const name of ['admin', 'user1', 'user2']) expect(response.text).to.include(`<code>${name}</code> / <code>${name}</code>`);
      expect(response.text).to.include('<link rel="stylesheet" href="/static/style.css">');
      expect(flashesOf(response.text)).to.deep.equal([]);
    });

    it('logs out: a logged-in browser loses its token', async () => {
      const agent = await logIn();
      await agent.get('/api/me').expect(200);
      const response = await agent.get('/login').expect(200);
      expect(setCookie(response, 'jwtTokenSession')?.attributes.get('max-age')).to.equal('0');
      await agent.get('/api/me').expect(401);
    });
  });

  describe('CSRF defence of the login form', () => {
    /** What a refused POST must leave behind: a 403, no token cookie, and a browser still logged out. */
    async function expectRefused(agent: ReturnType<typeof browser>, post: Promise<Response>) {
      const response = await post;
      expect(response.status).to.equal(403);
      expect(response.text).to.include('CSRF token');
      expect(setCookie(response, 'jwtTokenSession')).to.equal(undefined);
      await agent.get('/api/me').expect(401);
      expect((await agent.get('/').expect(200)).text).to.include('Welcome, guest');
    }

    const credentials = { username: 'admin', password: 'admin' };

    it('gives every form a new token, since showing the form ends the session that held the last one', async () => {
      const agent = browser();
      const first = await openForm(agent);
      const second = await openForm(agent);
      expect(first).not.to.equal(second);
    });

    it('refuses a POST without the token with 403, and does not log in', async () => {
      const agent = browser();
      await openForm(agent);
      await expectRefused(agent, agent.post('/validate-jwt-login').type('form').send(credentials).then((response) => response));
    });

    it('refuses a POST with a wrong token with 403, and does not log in', async () => {
      const agent = browser();
      const token = await openForm(agent);
      const wrong = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
      await expectRefused(agent, agent.post('/validate-jwt-login').type('form').send({ ...credentials, _csrf: wrong }).then((response) => response));
    });

    it("refuses a POST with another browser's token with 403, and does not log in", async () => {
      const agent = browser();
      await openForm(agent);
      const attackers = await openForm(browser());
      await expectRefused(agent, agent.post('/validate-jwt-login').type('form').send({ ...credentials, _csrf: attackers }).then((response) => response));
    });

    it('refuses a POST from a browser that never opened the form (a cross-site form) with 403, and does not log in', async () => {
      const agent = browser();
      const attackers = await openForm(browser());
      await expectRefused(agent, agent.post('/validate-jwt-login').type('form').send({ ...credentials, _csrf: attackers }).then((response) => response));
    });

    it('refuses the token of a form shown before a logout with 403, and does not log in', async () => {
      const agent = browser();
      const stale = await openForm(agent);
      await agent.get('/logout').expect(200);
      await expectRefused(agent, agent.post('/validate-jwt-login').type('form').send({ ...credentials, _csrf: stale }).then((response) => response));
    });
  });

  describe('GET /static/style.css', () => {
    it('serves the stylesheet', async () => {
      const response = await request(server.url).get('/static/style.css').expect(200).expect('Content-Type', /text\/css/);
      expect(response.text).to.include('.flash-error');
    });
  });

  describe('POST /validate-jwt-login', () => {
    it('sends a wrong password back to /login with a 303 and an error flash shown once', async () => {
      const agent = browser();
      await submitForm(agent, { username: 'admin', password: 'wrong' }, '/login');
      const first = await agent.get('/login').expect(200);
      expect(flashesOf(first.text)).to.deep.equal(['Error : username or password']);
      expect(first.text).to.include('<li class="flash flash-error">');
      const second = await agent.get('/login').expect(200);
      expect(flashesOf(second.text)).to.deep.equal([]);
      await agent.get('/api/me').expect(401);
    });

    it('answers an unknown user exactly like a wrong password', async () => {
      const agent = browser();
      await submitForm(agent, { username: 'mallory', password: 'mallory' }, '/login');
      expect(flashesOf((await agent.get('/login')).text)).to.deep.equal(['Error : username or password']);
    });

    for (const [what, form, reason] of [
      ['no fields', {}, 'Get login info error: username is required'],
      ['no password', { username: 'admin' }, 'Get login info error: password is required'],
      ['an empty username', { username: '', password: 'admin' }, 'Get login info error: username is required'],
      ['a repeated field', 'username=admin&username=user1&password=admin&_csrf=', 'Get login info error: username is required'],
      ['a 300-character password', { username: 'admin', password: 'a'.repeat(300) }, 'Get login info error: password is longer than 256 characters'],
    ] as const) {
      it(`flashes the reason and redirects to /login for ${what}`, async () => {
        const agent = browser();
        const token = await openForm(agent);
        const body = typeof form === 'string' ? `${form}${token}` : { ...form, _csrf: token };
        await agent.post('/validate-jwt-login').type('form').send(body).expect(303).expect('Location', '/login');
        expect(flashesOf((await agent.get('/login')).text)).to.deep.equal([reason]);
      });
    }

    it('treats a JSON body as a missing form rather than logging in', async () => {
      const agent = browser();
      const token = await openForm(agent);
      await agent.post('/validate-jwt-login').set('x-csrf-token', token).send({ username: 'admin', password: 'admin' }).expect(303).expect('Location', '/login');
      expect(flashesOf((await agent.get('/login')).text)).to.deep.equal(['Get login info error: username is required']);
    });

    it('refuses an oversized body with a short 413, not a stack trace', async () => {
      const response = await request(server.url)
        .post('/validate-jwt-login')
        .type('form')
        .send({ username: 'admin', password: 'a'.repeat(10_000) })
        .expect(413)
        .expect('Content-Type', /text\/plain/);
      expect(response.text).to.equal('request entity too large');
    });

    it('logs in with a 303 to / and a one-hour HttpOnly token cookie holding a valid JWT', async () => {
      const response = await submitForm(browser(), { username: 'user1', password: 'user1' }, '/');
      const token = setCookie(response, 'jwtTokenSession');
      expect(token?.value).to.match(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(token?.attributes.get('max-age')).to.equal('3600');
      expect(token?.attributes.has('httponly')).to.equal(true);
      expect(await manager.validateToken(token?.value ?? '')).to.equal('user1');
    });
  });

  describe('GET /, /index and /index.html', () => {
    for (const path of ['/', '/index', '/index.html']) {
      it(`${path} shows the date and a login link to a guest`, async () => {
        const before = formatAsDate(new Date());
        const response = await browser().get(path).expect(200).expect('Content-Type', /html/);
        const after = formatAsDate(new Date());
        expect([before, after]).to.include(/<time>([^<]+)<\/time>/.exec(response.text)?.[1]);
        expect(response.text).to.include('<a href="/login" id="login">Log in</a>');
        expect(response.text).not.to.include('Welcome admin');
      });
    }

    it('welcomes the user with links, shows the login flashes once, and keeps the login', async () => {
      const agent = await logIn();
      const first = await agent.get('/').expect(200);
      expect(first.text).to.include('<h1 id="welcome">Welcome admin</h1>');
      expect(flashesOf(first.text)).to.deep.equal(['success : successful login', 'username : admin']);
      for (const link of ['/ping', '/some-cookie-example', '/logout']) expect(first.text).to.include(`<a href="${link}"`);
      const second = await agent.get('/index.html').expect(200);
      expect(second.text).to.include('Welcome admin');
      expect(flashesOf(second.text)).to.deep.equal([]);
    });

    it('escapes a username holding markup', async () => {
      const token = manager.generateToken(XSS);
      const response = await request(server.url).get('/').set('Authorization', `Bearer ${token}`).expect(200);
      expect(response.text).to.include('Welcome &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;');
      expect(response.text).not.to.include(XSS);
    });

    it('escapes a flash holding markup', async () => {
      const agent = browser();
      await agent.get('/spec/flash').query({ message: XSS }).expect(204);
      const response = await agent.get('/').expect(200);
      expect(flashesOf(response.text)).to.deep.equal(['&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;']);
      expect(response.text).not.to.include(XSS);
    });
  });

  describe('GET /some-cookie-example', () => {
    it('shows the three reads of the original: "world", 2017, then nothing', async () => {
      const response = await browser().get('/some-cookie-example').expect(200).expect('Content-Type', /json/);
      expect(response.body).to.deep.equal({
        'session message': 'world',
        'session new message': 2017,
        'session read again after delete': '',
        status: 200,
      });
    });
  });

  describe('GET /api/me', () => {
    it('answers the username for a Bearer token', async () => {
      const token = manager.generateToken('user2');
      const response = await request(server.url).get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
      expect(response.body).to.deep.equal({ username: 'user2' });
    });

    it('answers the username for the login cookie', async () => {
      const agent = await logIn('user1');
      expect((await agent.get('/api/me').expect(200)).body).to.deep.equal({ username: 'user1' });
    });

    it('answers 401 JSON without a token, and for a forged one', async () => {
      for (const authorization of [undefined, 'Bearer not.a.token']) {
        const call = request(server.url).get('/api/me');
        if (authorization !== undefined) call.set('Authorization', authorization);
        const response = await call.expect(401).expect('WWW-Authenticate', 'Bearer').expect('Content-Type', /json/);
        expect(response.body).to.include({ name: 'JwtRequiredError', code: 'ERR_JWT_REQUIRED' });
      }
    });
  });

  describe('GET /account', () => {
    it('sends a guest to /login with a 303 and a flash saying why', async () => {
      const agent = browser();
      await agent.get('/account').expect(303).expect('Location', '/login');
      expect(flashesOf((await agent.get('/login')).text)).to.deep.equal(['Error : please log in to see your account']);
    });

    it('shows the account and counts visits in the encrypted session', async () => {
      const agent = await logIn('user2');
      const first = await agent.get('/account').expect(200);
      expect(first.text).to.include('<h1>Account of user2</h1>').and.to.include('You opened this page 1 time in this session.');
      const second = await agent.get('/account').expect(200);
      expect(second.text).to.include('You opened this page 2 times in this session.');
    });
  });

  describe('GET /logout', () => {
    it('deletes the token and flash cookies, ends the session (a fresh one holds only the form\'s CSRF token) and shows the login form', async () => {
      const agent = await logIn();
      const account = await agent.get('/account').expect(200);
      const response = await agent.get('/logout').expect(200);
      for (const name of ['jwtTokenSession', 'jwtFlash']) {
        expect(setCookie(response, name)?.attributes.get('max-age'), name).to.equal('0');
      }
      expect(setCookie(response, 'jwtSession')?.value).to.be.a('string').and.not.to.equal(setCookie(account, 'jwtSession')?.value);
      expect(response.text).to.include('You are logged out.').and.to.include('action="/validate-jwt-login"');
      const home = await agent.get('/').expect(200);
      expect(home.text).not.to.include('Welcome admin');
      await agent.get('/api/me').expect(401);
      // The visit counted before the logout is gone with the session that held it.
      await submitForm(agent, { username: 'admin', password: 'admin' }, '/');
      expect((await agent.get('/account').expect(200)).text).to.include('You opened this page 1 time in this session.');
    });

    it('shows flashes still pending, once', async () => {
      const agent = await logIn();
      const response = await agent.get('/logout').expect(200);
      expect(flashesOf(response.text)).to.deep.equal(['success : successful login', 'username : admin']);
      expect(flashesOf((await agent.get('/login')).text)).to.deep.equal([]);
    });
  });
});
