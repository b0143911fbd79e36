import express, { type Express } from 'express';
import { expect } from 'chai';
import { Body, Get, JsonController, Post, UseBefore } from 'routing-controllers';
import { Container, Service } from 'typedi';
import request from 'supertest';
import { CsrfToken } from '../../src/decorators/csrf-token';
import { JwtUser } from '../../src/decorators/jwt-user';
import { RequireJwt } from '../../src/decorators/require-jwt';
import { Session } from '../../src/decorators/session';
import type { SessionHandle } from '../../src/session/session-handle';
import { SessionManager } from '../../src/session/session-manager';
import { buildApp } from '../support/app';
import { cookieHeader } from '../support/cookies';

const changes: string[] = [];

@Service()
@JsonController('/csrf')
@UseBefore(express.urlencoded({ extended: false }))
class CsrfController {
  @Get('/form')
  form(@CsrfToken() csrfToken: string, @Session() session: SessionHandle) {
    return { csrfToken, again: session.csrfToken() };
  }

  @Post('/change')
  change(@Session() session: SessionHandle, @Body() body: { value?: string }) {
    changes.push(body.value ?? '');
    session.set('value', body.value ?? '');
    return { changed: true };
  }

  @Post('/guarded')
  @RequireJwt()
  guarded(@JwtUser() username: string) {
    changes.push(username);
    return { username };
  }

  @Get('/read')
  read(@Session('value') value: string | undefined) {
    return { value: value ?? null };
  }
}

describe('@CsrfToken() and the csrf option', () => {
  beforeEach(() => (changes.length = 0));

  describe('when on', () => {
    let app: Express;
    before(() => (app = buildApp([CsrfController], { session: { csrf: true } })));

    async function form() {
      const answer = await request(app).get('/csrf/form').expect(200);
      return { cookie: cookieHeader(answer), token: answer.body.csrfToken as string, answer };
    }

    it('injects one token per session, kept across requests', async () => {
      const { cookie, token, answer } = await form();
      expect(token).to.match(/^[A-Za-z0-9_-]{43}$/);
      expect(answer.body.again).to.equal(token);
      const later = await request(app).get('/csrf/form').set('Cookie', cookie);
      expect(later.body.csrfToken).to.equal(token);
    });

    it('lets a POST through with the token in the x-csrf-token header', async () => {
      const { cookie, token } = await form();
      await request(app).post('/csrf/change').set('Cookie', cookie).set('x-csrf-token', token).send({ value: 'a' }).expect(200);
      expect(changes).to.deep.equal(['a']);
    });

    it('lets a form POST through with the token in the _csrf field', async () => {
      const { cookie, token } = await form();
      await request(app).post('/csrf/change').set('Cookie', cookie).type('form').send({ _csrf: token, value: 'b' }).expect(200);
      expect(changes).to.deep.equal(['b']);
    });

    it('answers 403 without running the action when the token is missing, wrong or from another session', async () => {
      const { cookie, token } = await form();
      const other = await form();
      const attempts = [
        request(app).post('/csrf/change').set('Cookie', cookie).send({ value: 'x' }),
        request(app).post('/csrf/change').set('Cookie', cookie).set('x-csrf-token', `${token.slice(1)}A`).send({ value: 'x' }),
        request(app).post('/csrf/change').set('Cookie', cookie).set('x-csrf-token', other.token).send({ value: 'x' }),
        request(app).post('/csrf/change').set('x-csrf-token', token).send({ value: 'x' }),
      ];
      for (const attempt of attempts) {
        const answer = await attempt.expect(403);
        expect(answer.body).to.include({ name: 'CsrfError', code: 'ERR_CSRF' });
      }
      expect(changes).to.deep.equal([]);
    });

    it('answers 403 JSON from @RequireJwt() too, before checking the login', async () => {
      const { cookie } = await form();
      const login = `jwtTokenSession=${Container.get(SessionManager).generateToken('eve')}`;
      const answer = await request(app).post('/csrf/guarded').set('Cookie', `${cookie}; ${login}`).expect(403);
      expect(answer.body).to.include({ code: 'ERR_CSRF' });
      expect(changes).to.deep.equal([]);
    });

    it('does not ask requests authenticated by the Authorization header, which a cross-site form cannot send', async () => {
      const bearer = `Bearer ${Container.get(SessionManager).generateToken('eve')}`;
      await request(app).post('/csrf/guarded').set('Authorization', bearer).expect(200, { username: 'eve' });
    });

    it('does not check safe methods', async () => {
      await request(app).get('/csrf/read').expect(200);
    });
  });

  describe('when off (the default)', () => {
    let app: Express;
    before(() => (app = buildApp([CsrfController])));

    it('lets a POST without a token through', async () => {
      await request(app).post('/csrf/change').send({ value: 'c' }).expect(200);
      expect(changes).to.deep.equal(['c']);
    });
  });
});
