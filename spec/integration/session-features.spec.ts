import type { Server } from 'node:http';
import { expect } from 'chai';
import { Get, JsonController } from 'routing-controllers';
import { Service } from 'typedi';
import request, { type Response } from 'supertest';
import { Flash } from '../../src/decorators/flash';
import { Session } from '../../src/decorators/session';
import { CookieSealer } from '../../src/crypto/cookie-sealer';
import { KeyRing } from '../../src/crypto/key-ring';
import type { SessionManagerOptions } from '../../src/options/session-options';
import type { SessionHandle } from '../../src/session/session-handle';
import { SessionManager } from '../../src/session/session-manager';
import type { Express } from 'express';
import { buildApp } from '../support/app';
import { cookieHeader, setCookie } from '../support/cookies';
import { rawServer } from '../support/raw-server';
import { SECRET } from '../support/secrets';

const T0 = Date.UTC(2026, 11, 3, 12);

/** A raw server on a movable clock whose routes exercise one handle method each. */
function featureServer(options: SessionManagerOptions, clock: { now: number }): Server {
  const manager = new SessionManager().configure({ secret: SECRET, now: () => clock.now, ...options });
  return rawServer(manager, (session, req) => {
    switch (req.url) {
      case '/set':
        session.set('a', 1);
        return session.keys();
      case '/read':
        return session.keys();
      case '/untouched':
        return 'nothing read';
      case '/login':
        session.login('alice', { expiresIn: 60 });
        return session.username;
      case '/who':
        return session.username ?? null;
      case '/regenerate':
        session.regenerate();
        return session.keys();
      case '/destroy':
        session.flash('gone');
        session.destroy();
        return { keys: session.keys(), user: session.username ?? null, flashes: session.flashes() };
      default:
        return null;
    }
  });
}

function expiresAt(response: Response, name: string): number {
  return Date.parse(setCookie(response, name)?.attributes.get('expires') ?? '');
}

describe('session features', () => {
  describe('cookie.rolling option', () => {
    it('re-sends a session that was read with a fresh expiry', async () => {
      const clock = { now: T0 };
      const server = featureServer({ cookie: { rolling: true, maxAge: 600 } }, clock);
      const set = await request(server).get('/set');
      clock.now = T0 + 300_000;
      const read = await request(server).get('/read').set('Cookie', cookieHeader(set));
      expect(read.body).to.deep.equal(['a']);
      expect(expiresAt(read, 'jwtSession')).to.equal(Math.floor((T0 + 900_000) / 1000) * 1000);
      clock.now = T0 + 800_000;
      const later = await request(server).get('/read').set('Cookie', cookieHeader(set, read));
      expect(later.body, 'the rolled cookie outlives the first one').to.deep.equal(['a']);
      const stale = await request(server).get('/read').set('Cookie', cookieHeader(set));
      expect(stale.body, 'the first cookie has expired').to.deep.equal([]);
    });

    it('never re-sends a session the request did not read', async () => {
      const clock = { now: T0 };
      const server = featureServer({ cookie: { rolling: true } }, clock);
      const set = await request(server).get('/set');
      const untouched = await request(server).get('/untouched').set('Cookie', cookieHeader(set));
      expect(untouched.headers['set-cookie']).to.equal(undefined);
    });

    it('is off by default: a session that was only read is not re-sent', async () => {
      const clock = { now: T0 };
      const server = featureServer({}, clock);
      const set = await request(server).get('/set');
      const read = await request(server).get('/read').set('Cookie', cookieHeader(set));
      expect(read.body).to.deep.equal(['a']);
      expect(read.headers['set-cookie']).to.equal(undefined);
    });
  });

  describe('jwt.renewWithin option', () => {
    it('renews a cookie token that expires within the window', async () => {
      const clock = { now: T0 };
      const server = featureServer({ jwt: { renewWithin: 30 } }, clock);
      const login = await request(server).get('/login');
      clock.now = T0 + 20_000;
      const early = await request(server).get('/who').set('Cookie', cookieHeader(login));
      expect(early.body).to.equal('alice');
      expect(setCookie(early, 'jwtTokenSession'), 'not due yet').to.equal(undefined);
      clock.now = T0 + 45_000;
      const due = await request(server).get('/who').set('Cookie', cookieHeader(login));
      expect(due.body).to.equal('alice');
      expect(setCookie(due, 'jwtTokenSession')?.attributes.get('max-age')).to.equal('60');
      clock.now = T0 + 90_000;
      const after = await request(server).get('/who').set('Cookie', cookieHeader(login, due));
      expect(after.body, 'the renewed token outlives the first').to.equal('alice');
      const old = await request(server).get('/who').set('Cookie', cookieHeader(login));
      expect(old.body, 'the first token has expired').to.equal(null);
    });

    it('never renews a token that came in the Authorization header', async () => {
      const clock = { now: T0 };
      const server = featureServer({ jwt: { renewWithin: 30 } }, clock);
      const token = setCookie(await request(server).get('/login'), 'jwtTokenSession')?.value ?? '';
      clock.now = T0 + 45_000;
      const bearer = await request(server).get('/who').set('Authorization', `Bearer ${token}`);
      expect(bearer.body).to.equal('alice');
      expect(bearer.headers['set-cookie']).to.equal(undefined);
    });

    it('stops renewing at jwt.maxLifetime, so the user logs in again', async () => {
      const clock = { now: T0 };
      const server = featureServer({ jwt: { renewWithin: 30, maxLifetime: 100 } }, clock);
      const login = await request(server).get('/login');
      clock.now = T0 + 45_000;
      const renewed = await request(server).get('/who').set('Cookie', cookieHeader(login));
      expect(setCookie(renewed, 'jwtTokenSession')?.attributes.get('max-age')).to.equal('55');
      clock.now = T0 + 99_000;
      const capped = await request(server).get('/who').set('Cookie', cookieHeader(login, renewed));
      expect(capped.body).to.equal('alice');
      expect(setCookie(capped, 'jwtTokenSession'), 'no renewal past the limit').to.equal(undefined);
      clock.now = T0 + 100_000;
      expect((await request(server).get('/who').set('Cookie', cookieHeader(login, renewed))).body).to.equal(null);
    });
  });

  describe('regenerate and destroy', () => {
    it('regenerate re-seals the data unchanged under a new cookie value', async () => {
      const server = featureServer({}, { now: T0 });
      const set = await request(server).get('/set');
      const regenerated = await request(server).get('/regenerate').set('Cookie', cookieHeader(set));
      expect(regenerated.body).to.deep.equal(['a']);
      const before = setCookie(set, 'jwtSession')?.value;
      const after = setCookie(regenerated, 'jwtSession')?.value;
      expect(after).to.be.a('string').and.not.equal(before);
      expect((await request(server).get('/read').set('Cookie', cookieHeader(regenerated))).body).to.deep.equal(['a']);
    });

    it('login regenerates the session', async () => {
      const server = featureServer({}, { now: T0 });
      const set = await request(server).get('/set');
      const login = await request(server).get('/login').set('Cookie', cookieHeader(set));
      expect(setCookie(login, 'jwtSession')?.value).to.be.a('string').and.not.equal(setCookie(set, 'jwtSession')?.value);
    });

    it('destroy ends the data and flashes but keeps the login', async () => {
      const server = featureServer({}, { now: T0 });
      const login = await request(server).get('/login');
      const set = await request(server).get('/set').set('Cookie', cookieHeader(login));
      const destroyed = await request(server).get('/destroy').set('Cookie', cookieHeader(login, set));
      expect(destroyed.body).to.deep.equal({ keys: [], user: 'alice', flashes: [] });
      expect(setCookie(destroyed, 'jwtSession')?.attributes.get('max-age')).to.equal('0');
      expect(setCookie(destroyed, 'jwtTokenSession')).to.equal(undefined);
    });
  });

  describe('concurrent writes with the cookie store', () => {
    it('leaves one of the two complete states, whichever response came last, never a corrupt cookie', async () => {
      const clock = { now: T0 };
      const manager = new SessionManager().configure({ secret: SECRET, now: () => clock.now });
      const server = rawServer(manager, async (session, req) => {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
        const key = new URL(req.url ?? '/', 'http://x').searchParams.get('key');
        if (key !== null) session.set(key, true);
        return session.keys().sort();
      });
      const base = await request(server).get('/?key=base');
      const sealer = new CookieSealer(new KeyRing([SECRET], 'cookie'));
      for (let round = 0; round < 25; round += 1) {
        const [left, right] = await Promise.all([
          request(server).get('/?key=left').set('Cookie', cookieHeader(base)),
          request(server).get('/?key=right').set('Cookie', cookieHeader(base)),
        ]);
        for (const [answer, key] of [[left, 'left'], [right, 'right']] as const) {
          const opened = sealer.open('jwtSession', setCookie(answer, 'jwtSession')?.value ?? '', clock.now);
          expect(JSON.parse(opened ?? 'null')).to.deep.equal({ d: { base: true, [key]: true } });
        }
        const lastWins = (await request(server).get('/').set('Cookie', cookieHeader(base, left, right))).body;
        expect(lastWins).to.deep.equal(['base', 'right']);
      }
    });
  });
});

@Service()
@JsonController('/flash-categories')
class FlashCategoryController {
  @Get('/add')
  add(@Session() session: SessionHandle) {
    session.flash('saved');
    session.flash('bad password', 'error');
    session.flash({ field: 'email' }, 'error');
    session.flash('fyi', 'info');
    return { ok: true };
  }

  @Get('/errors')
  errors(@Flash('error') errors: unknown[]) {
    return errors;
  }

  @Get('/all')
  all(@Flash() all: unknown[]) {
    return all;
  }

  @Get('/entries')
  entries(@Session() session: SessionHandle) {
    return session.flashEntries();
  }
}

describe('flash categories', () => {
  let app: Express;
  before(() => (app = buildApp([FlashCategoryController])));

  it('@Flash(category) returns and consumes only that category, JSON values included', async () => {
    const add = await request(app).get('/flash-categories/add');
    const errors = await request(app).get('/flash-categories/errors').set('Cookie', cookieHeader(add));
    expect(errors.body).to.deep.equal(['bad password', { field: 'email' }]);
    const rest = await request(app).get('/flash-categories/all').set('Cookie', cookieHeader(add, errors));
    expect(rest.body).to.deep.equal(['saved', 'fyi']);
  });

  it('@Flash() returns every category in the order flashed', async () => {
    const add = await request(app).get('/flash-categories/add');
    const all = await request(app).get('/flash-categories/all').set('Cookie', cookieHeader(add));
    expect(all.body).to.deep.equal(['saved', 'bad password', { field: 'email' }, 'fyi']);
  });

  it('flashEntries() returns each message with its category', async () => {
    const add = await request(app).get('/flash-categories/add');
    const entries = await request(app).get('/flash-categories/entries').set('Cookie', cookieHeader(add));
    expect(entries.body).to.deep.equal([
      { message: 'saved' },
      { message: 'bad password', category: 'error' },
      { message: { field: 'email' }, category: 'error' },
      { message: 'fyi', category: 'info' },
    ]);
  });
});
