import { expect } from 'chai';
import request from 'supertest';
import { ConfigError } from '../../src/errors/config-error';
import { SessionCommittedError, SessionTooLargeError } from '../../src/errors/session-errors';
import { SessionManager } from '../../src/session/session-manager';
import { cookieHeader, setCookie } from '../support/cookies';
import { rawServer } from '../support/raw-server';
import { SECRET } from '../support/secrets';

describe('SessionHandle', () => {
  const clock = { now: Date.UTC(2026, 11, 3) };
  const manager = new SessionManager().configure({ secret: SECRET, now: () => clock.now });

  describe('data', () => {
    it('stores JSON values of every kind and reads them back on the next request', async () => {
      const value = { list: [1, 'two', null, true], nested: { deep: { x: 1.5 } } };
      const server = rawServer(manager, (session, req) => {
        if (req.url === '/set') session.set('value', value);
        return { value: session.get('value') ?? null, has: session.has('value'), keys: session.keys() };
      });
      const set = await request(server).get('/set');
      const read = await request(server).get('/read').set('Cookie', cookieHeader(set));
      expect(read.body).to.deep.equal({ value, has: true, keys: ['value'] });
    });

    it('hands out copies of arrays and objects: changing one changes neither the session nor another request with the same cookie', async () => {
      const server = rawServer(manager, (session, req) => {
        if (req.url === '/set') session.set('cart', { items: ['a'] });
        const cart = session.get('cart') as { items: string[] };
        const second = session.get('cart') as { items: string[] };
        cart.items.push('changed in place');
        return { cart: session.get('cart'), same: cart === second };
      });
      const set = await request(server).get('/set');
      expect(set.body).to.deep.equal({ cart: { items: ['a'] }, same: false });
      for (let n = 0; n < 3; n += 1) {
        const read = await request(server).get('/read').set('Cookie', cookieHeader(set));
        expect(read.body, `read ${n + 1}`).to.deep.equal({ cart: { items: ['a'] }, same: false });
      }
    });

    it('answers getString and getNumber only for values of that type', async () => {
      const server = rawServer(manager, (session) => {
        session.set('s', 'text');
        session.set('n', 7);
        return [session.getString('s'), session.getNumber('s') ?? null, session.getNumber('n'), session.getString('n') ?? null, session.getString('absent') ?? null];
      });
      expect((await request(server).get('/')).body).to.deep.equal(['text', null, 7, null, null]);
    });

    it('refuses values that would not come back as they went in', async () => {
      const errors: unknown[] = [];
      const server = rawServer(manager, (session) => {
        for (const bad of [new Date(), new Map(), () => 1, Number.NaN, Infinity, { nested: new Date() }, [undefined]]) {
          try {
            session.set('bad', bad as never);
          } catch (error) {
            errors.push(error);
          }
        }
        return session.has('bad');
      });
      expect((await request(server).get('/')).body).to.equal(false);
      expect(errors).to.have.length(7);
      for (const error of errors) expect(error).to.be.instanceOf(ConfigError);
    });

    it('treats set(key, undefined) as delete, and clear() deletes the session cookie', async () => {
      const server = rawServer(manager, (session, req) => {
        if (req.url === '/fill') {
          session.set('a', 1);
          session.set('b', 2);
        }
        if (req.url === '/unset') session.set('a', undefined as never);
        if (req.url === '/clear') session.clear();
        return session.keys();
      });
      const fill = await request(server).get('/fill');
      expect((await request(server).get('/unset').set('Cookie', cookieHeader(fill))).body).to.deep.equal(['b']);
      const clear = await request(server).get('/clear').set('Cookie', cookieHeader(fill));
      expect(clear.body).to.deep.equal([]);
      expect(setCookie(clear, 'jwtSession')?.attributes.get('max-age')).to.equal('0');
    });

    it('keeps keys such as __proto__ as plain data', async () => {
      const server = rawServer(manager, (session, req) => {
        if (req.url === '/set') session.set('__proto__', { polluted: true });
        return { value: session.get('__proto__') ?? null, polluted: ({} as Record<string, unknown>).polluted ?? null };
      });
      const set = await request(server).get('/set');
      const read = await request(server).get('/read').set('Cookie', cookieHeader(set));
      expect(read.body).to.deep.equal({ value: { polluted: true }, polluted: null });
    });

    it('throws SessionTooLargeError at set time and keeps what was stored', async () => {
      let thrown: unknown;
      const server = rawServer(manager, (session, req) => {
        if (req.url === '/fill') session.set('kept', 'x'.repeat(1000));
        if (req.url === '/overflow') {
          try {
            session.set('huge', 'y'.repeat(4000));
          } catch (error) {
            thrown = error;
          }
          session.set('after', 1);
        }
        return session.keys();
      });
      const fill = await request(server).get('/fill');
      const overflow = await request(server).get('/overflow').set('Cookie', cookieHeader(fill));
      expect(thrown).to.be.instanceOf(SessionTooLargeError);
      expect((thrown as SessionTooLargeError).cookieName).to.equal('jwtSession');
      expect((thrown as SessionTooLargeError).limit).to.equal(4096);
      expect(overflow.body).to.deep.equal(['kept', 'after']);
      const header = (overflow.headers['set-cookie'] as unknown as string[]).find((cookie) => cookie.startsWith('jwtSession='));
      expect(header?.length).to.be.at.most(4096);
    });

    it('accepts a session that fills a cookie up to the limit exactly', async () => {
      let largest = 0;
      const server = rawServer(manager, (session) => {
        for (let size = 2500; size < 4096; size += 1) {
          try {
            session.set('v', 'z'.repeat(size));
            largest = size;
          } catch {
            break;
          }
        }
        return largest;
      });
      const answer = await request(server).get('/');
      const header = (answer.headers['set-cookie'] as unknown as string[])[0];
      expect(header.length).to.be.at.most(4096);
      expect(header.length).to.be.at.least(4093);
    });
  });

  describe('flashes', () => {
    it('returns pending flashes oldest first and consumes them', async () => {
      const server = rawServer(manager, (session, req) => {
        if (req.url === '/add') {
          session.flash('one');
          session.flash('two');
          return [];
        }
        return session.flashes();
      });
      const add = await request(server).get('/add');
      const read = await request(server).get('/read').set('Cookie', cookieHeader(add));
      expect(read.body).to.deep.equal(['one', 'two']);
      expect(setCookie(read, 'jwtFlash')?.attributes.get('max-age')).to.equal('0');
      const again = await request(server).get('/read').set('Cookie', cookieHeader(add, read));
      expect(again.body).to.deep.equal([]);
    });

    it('throws SessionTooLargeError when a flash would overflow, keeping the pending ones', async () => {
      let thrown: unknown;
      const server = rawServer(manager, (session) => {
        session.flash('first');
        try {
          session.flash('x'.repeat(5000));
        } catch (error) {
          thrown = error;
        }
        return session.flashes();
      });
      expect((await request(server).get('/')).body).to.deep.equal(['first']);
      expect(thrown).to.be.instanceOf(SessionTooLargeError);
      expect((thrown as SessionTooLargeError).cookieName).to.equal('jwtFlash');
    });

    it('sends no cookie when there was nothing to consume', async () => {
      const server = rawServer(manager, (session) => session.flashes());
      const answer = await request(server).get('/');
      expect(answer.body).to.deep.equal([]);
      expect(answer.headers['set-cookie']).to.equal(undefined);
    });
  });

  describe('login and logout', () => {
    it('login returns the token, sets the token cookie for its lifetime and makes the user current', async () => {
      const server = rawServer(manager, (session) => {
        const before = session.username ?? null;
        const token = session.login('alice', { expiresIn: 120, claims: { role: 'admin' } });
        return { before, after: session.username, token };
      });
      const answer = await request(server).get('/');
      expect(answer.body.before).to.equal(null);
      expect(answer.body.after).to.equal('alice');
      const cookie = setCookie(answer, 'jwtTokenSession');
      expect(cookie?.value).to.equal(answer.body.token);
      expect(cookie?.attributes.get('max-age')).to.equal('120');
      expect(await manager.validateToken(answer.body.token)).to.equal('alice');
    });

    it('login replaces a previous token', async () => {
      const server = rawServer(manager, (session, req) => {
        session.login(req.url === '/bob' ? 'bob' : 'alice');
        return session.username;
      });
      const alice = await request(server).get('/alice');
      const bob = await request(server).get('/bob').set('Cookie', cookieHeader(alice));
      expect(setCookie(bob, 'jwtTokenSession')?.value).not.to.equal(setCookie(alice, 'jwtTokenSession')?.value);
      const who = rawServer(manager, (session) => session.username ?? null);
      expect((await request(who).get('/').set('Cookie', cookieHeader(alice, bob))).body).to.equal('bob');
    });

    it('a flash added after logout survives it', async () => {
      const server = rawServer(manager, (session) => {
        session.flash('lost');
        session.logout();
        session.flash('logged out');
        return session.username ?? null;
      });
      const answer = await request(server).get('/');
      const read = rawServer(manager, (session) => session.flashes());
      expect((await request(read).get('/').set('Cookie', cookieHeader(answer))).body).to.deep.equal(['logged out']);
    });

    it('an expired token cookie reads as logged out', async () => {
      const login = await request(rawServer(manager, (session) => session.login('alice', { expiresIn: 60 }))).get('/');
      const who = rawServer(manager, (session) => session.username ?? null);
      clock.now += 61_000;
      try {
        expect((await request(who).get('/').set('Cookie', cookieHeader(login))).body).to.equal(null);
      } finally {
        clock.now -= 61_000;
      }
    });
  });

  describe('after the headers went out', () => {
    it('throws SessionCommittedError on a change that could not reach the client', async () => {
      const errors: unknown[] = [];
      const server = rawServer(manager, (session, _req, res) => {
        res.end('sent');
        for (const change of [() => session.set('a', 1), () => session.flash('x'), () => session.login('a'), () => session.logout()]) {
          try {
            change();
          } catch (error) {
            errors.push(error);
          }
        }
      });
      await request(server).get('/');
      expect(errors).to.have.length(4);
      for (const error of errors) expect(error).to.be.instanceOf(SessionCommittedError);
    });
  });
});
