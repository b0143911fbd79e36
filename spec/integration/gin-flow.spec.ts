import { expect } from 'chai';
import { Body, Get, JsonController, Post } from 'routing-controllers';
import { Service } from 'typedi';
import request from 'supertest';
import { Flash } from '../../src/decorators/flash';
import { JwtUser } from '../../src/decorators/jwt-user';
import { Session } from '../../src/decorators/session';
import type { SessionHandle } from '../../src/session/session-handle';
import type { Express } from 'express';
import { buildApp } from '../support/app';
import { cookieHeader, setCookie } from '../support/cookies';

@Service()
@JsonController()
class GinFlowController {
  @Post('/login')
  login(@Session() session: SessionHandle, @Body() form: { username?: string; password?: string }) {
    if (form.password !== 'secret') {
      session.flash('Error : username or password');
      return { ok: false };
    }
    const token = session.login(form.username ?? '');
    session.flash('success : successful login');
    session.flash(`username : ${form.username}`);
    return { ok: true, token };
  }

  @Get('/home')
  home(@Flash() flashes: string[], @JwtUser() username: string | undefined) {
    return { flashes, username: username ?? null };
  }

  @Get('/some-cookie-example')
  cookies(@Session() session: SessionHandle) {
    session.set('hello', 'world');
    const sessionMessage = session.getString('hello');
    session.set('hello', 2017);
    const message2 = session.getNumber('hello');
    const asString = session.getString('hello');
    session.delete('hello');
    return { sessionMessage, message2, asString: asString ?? null, readAgain: session.getString('hello') ?? null };
  }

  @Post('/remember')
  remember(@Session() session: SessionHandle, @Body() body: { key: string; value: string }) {
    session.set(body.key, body.value);
    return { stored: true };
  }

  @Get('/recall')
  recall(@Session('color') color: string | undefined, @Session() session: SessionHandle) {
    return { color: color ?? null, keys: session.keys() };
  }

  @Get('/logout')
  logout(@Session() session: SessionHandle) {
    session.logout();
    return { loggedOut: true };
  }
}

describe('gin-jwt-session flow over HTTP', () => {
  let app: Express;
  before(() => (app = buildApp([GinFlowController])));

  it('flashes the error of a wrong password and shows it once', async () => {
    const failed = await request(app).post('/login').send({ username: 'admin', password: 'nope' }).expect(200);
    expect(failed.body).to.deep.equal({ ok: false });
    const first = await request(app).get('/home').set('Cookie', cookieHeader(failed)).expect(200);
    expect(first.body).to.deep.equal({ flashes: ['Error : username or password'], username: null });
    expect(setCookie(first, 'jwtFlash')?.attributes.get('max-age')).to.equal('0');
    const second = await request(app).get('/home').set('Cookie', cookieHeader(failed, first)).expect(200);
    expect(second.body.flashes).to.deep.equal([]);
  });

  it('logs in, reads the username from the cookie and from the Authorization header', async () => {
    const login = await request(app).post('/login').send({ username: 'admin', password: 'secret' }).expect(200);
    const tokenCookie = setCookie(login, 'jwtTokenSession');
    expect(tokenCookie?.value).to.equal(login.body.token);
    expect(tokenCookie?.attributes.get('max-age')).to.equal('3600');
    expect(tokenCookie?.attributes.has('httponly')).to.equal(true);
    expect(tokenCookie?.attributes.get('samesite')).to.equal('Lax');

    const home = await request(app).get('/home').set('Cookie', cookieHeader(login)).expect(200);
    expect(home.body).to.deep.equal({ flashes: ['success : successful login', 'username : admin'], username: 'admin' });

    const bearer = await request(app).get('/home').set('Authorization', `Bearer ${login.body.token}`).expect(200);
    expect(bearer.body.username).to.equal('admin');
    const bare = await request(app).get('/home').set('Authorization', login.body.token).expect(200);
    expect(bare.body.username).to.equal('admin');
  });

  it('sets, reads as string and number, and deletes session values like the cookie example', async () => {
    const response = await request(app).get('/some-cookie-example').expect(200);
    expect(response.body).to.deep.equal({ sessionMessage: 'world', message2: 2017, asString: null, readAgain: null });
    expect(setCookie(response, 'jwtSession'), 'an emptied session sends no cookie').to.equal(undefined);
  });

  it('keeps session values across requests in an encrypted cookie and injects one by key', async () => {
    const stored = await request(app).post('/remember').send({ key: 'color', value: 'teal' }).expect(200);
    const cookie = setCookie(stored, 'jwtSession');
    expect(cookie?.value).to.match(/^[A-Za-z0-9_-]+$/);
    expect(cookie?.value).not.to.contain('teal');
    expect(Buffer.from(cookie?.value ?? '', 'base64url').toString('latin1')).not.to.contain('teal');
    const recalled = await request(app).get('/recall').set('Cookie', cookieHeader(stored)).expect(200);
    expect(recalled.body).to.deep.equal({ color: 'teal', keys: ['color'] });
    expect(setCookie(recalled, 'jwtSession'), 'an unchanged session is not re-sent').to.equal(undefined);
  });

  it('logs out by expiring the token, session and flash cookies', async () => {
    const login = await request(app).post('/login').send({ username: 'admin', password: 'secret' }).expect(200);
    const stored = await request(app).post('/remember').set('Cookie', cookieHeader(login)).send({ key: 'k', value: 'v' });
    const logout = await request(app).get('/logout').set('Cookie', cookieHeader(login, stored)).expect(200);
    for (const name of ['jwtTokenSession', 'jwtSession', 'jwtFlash']) {
      const cookie = setCookie(logout, name);
      expect(cookie, name).not.to.equal(undefined);
      expect(cookie?.value, name).to.equal('');
      expect(cookie?.attributes.get('max-age'), name).to.equal('0');
      expect(cookie?.attributes.get('expires'), name).to.equal('Thu, 01 Jan 1970 00:00:00 GMT');
    }
    const after = await request(app).get('/home').set('Cookie', cookieHeader(login, stored, logout)).expect(200);
    expect(after.body).to.deep.equal({ flashes: [], username: null });
  });
});
