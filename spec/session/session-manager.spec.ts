import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { ConfigError } from '../../src/errors/config-error';
import { SessionCommittedError } from '../../src/errors/session-errors';
import { InvalidTokenError, TokenExpiredError } from '../../src/errors/token-errors';
import type { SessionHandle } from '../../src/session/session-handle';
import { SessionManager } from '../../src/session/session-manager';
import { setCookie } from '../support/cookies';
import { rawServer } from '../support/raw-server';
import { SECRET } from '../support/secrets';
import { waitFor } from '../support/wait-for';

const run = promisify(execFile);

async function withNodeEnv<T>(value: string, body: () => Promise<T> | T): Promise<T> {
  const saved = process.env.NODE_ENV;
  process.env.NODE_ENV = value;
  try {
    return await body();
  } finally {
    if (saved === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = saved;
  }
}

describe('SessionManager', () => {
  describe('configure', () => {
    it('returns itself for chaining and throws ConfigError naming a bad option', () => {
      const manager = new SessionManager();
      expect(manager.configure({ secret: SECRET })).to.equal(manager);
      expect(() => manager.configure({ secret: SECRET, tokenName: 'bad name' })).to.throw(ConfigError, 'tokenName');
    });

    it('refuses to run without a secret in production, also when never configured', async () => {
      await withNodeEnv('production', async () => {
        expect(() => new SessionManager().configure({})).to.throw(ConfigError, 'secret');
        const server = rawServer(new SessionManager(), () => 'unreachable');
        const answer = await request(server).get('/').expect(500);
        expect(answer.body).to.deep.equal({ name: 'ConfigError', code: 'ERR_JWT_SESSION_CONFIG' });
      });
    });

    it('warns once per process when it has to make up a secret', async function () {
      this.timeout(20_000);
      const script = `
        require('reflect-metadata');
        const { SessionManager } = require('./src/session/session-manager');
        const warnings = [];
        process.on('warning', (w) => warnings.push(w.code));
        new SessionManager().configure();
        new SessionManager().configure({});
        new SessionManager().configure({ secret: '${SECRET}' });
        setImmediate(() => console.log(JSON.stringify(warnings)));`;
      const { stdout } = await run(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
        cwd: process.cwd(),
        env: { ...process.env, NODE_ENV: 'development' },
      });
      expect(JSON.parse(stdout.trim())).to.deep.equal(['JWT_SESSION_GENERATED_SECRET']);
    });
  });

  describe('tokens', () => {
    const clock = { now: Date.UTC(2026, 11, 3) };
    const manager = new SessionManager().configure({ secret: SECRET, now: () => clock.now });

    it('validates a token it generated and returns the username', async () => {
      expect(await manager.validateToken(manager.generateToken('admin', 60))).to.equal('admin');
    });

    it('rejects with TokenExpiredError or InvalidTokenError', async () => {
      const token = manager.generateToken('admin', 60);
      clock.now += 60_000;
      try {
        await manager.validateToken(token).then(
          () => expect.fail('an expired token was accepted'),
          (error: unknown) => expect(error).to.be.instanceOf(TokenExpiredError),
        );
      } finally {
        clock.now -= 60_000;
      }
      await manager.validateToken(`${token}x`).then(
        () => expect.fail('a tampered token was accepted'),
        (error: unknown) => expect(error).to.be.instanceOf(InvalidTokenError),
      );
    });
  });

  describe('session', () => {
    it('gives every caller in one request the same handle', async () => {
      const manager = new SessionManager().configure({ secret: SECRET });
      const server = rawServer(manager, async (session, req, res) => {
        const [a, b] = await Promise.all([manager.session(req, res), manager.session(req, res)]);
        return a === session && b === session;
      });
      expect((await request(server).get('/')).body).to.equal(true);
    });

    it('frees the state of every request that changed its session when its response closes', async () => {
      const manager = new SessionManager().configure({ secret: SECRET });
      const handles: SessionHandle[] = [];
      const server = rawServer(manager, (session) => {
        handles.push(session);
        session.set('visited', true);
        return manager.activeRequests;
      });
      expect((await request(server).get('/')).body).to.equal(1);
      await waitFor(() => manager.activeRequests === 0);
      expect(() => handles[0].set('late', 1)).to.throw(SessionCommittedError);
    });

    it('counts no state for a request that only reads, and refuses its changes once the response is out', async () => {
      const manager = new SessionManager().configure({ secret: SECRET });
      const handles: SessionHandle[] = [];
      const server = rawServer(manager, (session) => {
        handles.push(session);
        return [manager.activeRequests, session.get('visited') ?? null, session.username ?? null];
      });
      expect((await request(server).get('/')).body).to.deep.equal([0, null, null]);
      expect(manager.activeRequests).to.equal(0);
      expect(() => handles[0].set('late', 1)).to.throw(SessionCommittedError);
    });

    it('release writes pending cookies, frees the state and refuses later use', async () => {
      const manager = new SessionManager().configure({ secret: SECRET });
      let late: unknown;
      const server = rawServer(manager, async (session, req, res) => {
        session.set('a', 1);
        await manager.release(req);
        await manager.session(req, res).catch((error: unknown) => (late = error));
        return manager.activeRequests;
      });
      const answer = await request(server).get('/');
      expect(answer.body).to.equal(0);
      expect(setCookie(answer, 'jwtSession')).not.to.equal(undefined);
      expect(late).to.be.instanceOf(SessionCommittedError);
    });
  });

  describe('cookie.secure option', () => {
    function app(manager: SessionManager, trustProxy: boolean) {
      const server = express();
      server.set('trust proxy', trustProxy);
      server.get('/', (req, res) => {
        manager.session(req, res).then((session) => {
          session.set('a', 1);
          res.end();
        });
      });
      return server;
    }

    it("'auto' leaves Secure out on plain HTTP outside production", async () => {
      const answer = await request(app(new SessionManager().configure({ secret: SECRET }), false)).get('/');
      expect(setCookie(answer, 'jwtSession')?.attributes.has('secure')).to.equal(false);
    });

    it("'auto' follows req.secure behind a trusted proxy", async () => {
      const manager = new SessionManager().configure({ secret: SECRET });
      const answer = await request(app(manager, true)).get('/').set('X-Forwarded-Proto', 'https');
      expect(setCookie(answer, 'jwtSession')?.attributes.has('secure')).to.equal(true);
      const untrusted = await request(app(manager, false)).get('/').set('X-Forwarded-Proto', 'https');
      expect(setCookie(untrusted, 'jwtSession')?.attributes.has('secure')).to.equal(false);
    });

    it("'auto' sets Secure in production", async () => {
      const manager = await withNodeEnv('production', () => new SessionManager().configure({ secret: SECRET }));
      const answer = await request(app(manager, false)).get('/');
      expect(setCookie(answer, 'jwtSession')?.attributes.has('secure')).to.equal(true);
    });

    it('true always sets Secure; path, domain and sameSite are applied', async () => {
      const manager = new SessionManager().configure({
        secret: SECRET,
        cookie: { secure: true, path: '/app', domain: 'example.com', sameSite: 'strict', maxAge: 600 },
      });
      const cookie = setCookie(await request(app(manager, false)).get('/'), 'jwtSession');
      expect(cookie?.attributes.has('secure')).to.equal(true);
      expect(cookie?.attributes.get('path')).to.equal('/app');
      expect(cookie?.attributes.get('domain')).to.equal('example.com');
      expect(cookie?.attributes.get('samesite')).to.equal('Strict');
      expect(cookie?.attributes.get('max-age')).to.equal('600');
    });
  });
});
