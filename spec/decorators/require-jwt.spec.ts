import { expect } from 'chai';
import { Get, JsonController } from 'routing-controllers';
import { Container, Service } from 'typedi';
import request from 'supertest';
import { Flash } from '../../src/decorators/flash';
import { JwtUser } from '../../src/decorators/jwt-user';
import { RequireJwt } from '../../src/decorators/require-jwt';
import { SessionManager } from '../../src/session/session-manager';
import type { Express } from 'express';
import { buildApp } from '../support/app';
import { cookieHeader } from '../support/cookies';

const runs: string[] = [];

@Service()
@JsonController('/guarded')
class MethodGuardController {
  @Get('/api')
  @RequireJwt()
  api(@JwtUser() username: string) {
    runs.push('api');
    return { username };
  }

  @Get('/custom')
  @RequireJwt({ message: 'Log in to see reports' })
  custom() {
    runs.push('custom');
    return { ok: true };
  }

  @Get('/page')
  @RequireJwt({ redirectTo: '/guarded/login', flash: 'Please log in first' })
  page(@JwtUser() username: string) {
    runs.push('page');
    return { page: username };
  }

  @Get('/login')
  login(@Flash() flashes: string[]) {
    return { flashes };
  }

  @Get('/open')
  open() {
    return { open: true };
  }
}

@Service()
@JsonController('/guarded-class')
@RequireJwt()
class ClassGuardController {
  @Get('/a')
  a() {
    runs.push('class-a');
    return { a: true };
  }
}

describe('@RequireJwt()', () => {
  let app: Express;
  before(() => (app = buildApp([MethodGuardController, ClassGuardController])));
  const bearer = () => `Bearer ${Container.get(SessionManager).generateToken('dave')}`;
  beforeEach(() => (runs.length = 0));

  it('answers 401 JSON with WWW-Authenticate without running the action', async () => {
    const answer = await request(app).get('/guarded/api').expect(401);
    expect(answer.headers['content-type']).to.match(/^application\/json/);
    expect(answer.headers['www-authenticate']).to.equal('Bearer');
    expect(answer.body).to.include({ name: 'JwtRequiredError', code: 'ERR_JWT_REQUIRED' });
    expect(runs).to.deep.equal([]);
  });

  it('runs the action for a valid token and leaves the user to @JwtUser()', async () => {
    expect((await request(app).get('/guarded/api').set('Authorization', bearer()).expect(200)).body).to.deep.equal({ username: 'dave' });
    expect(runs).to.deep.equal(['api']);
  });

  it('uses a custom 401 message', async () => {
    const answer = await request(app).get('/guarded/custom').expect(401);
    expect(answer.body.message).to.equal('Log in to see reports');
  });

  it('redirects pages with 303 and a flash', async () => {
    const answer = await request(app).get('/guarded/page').expect(303);
    expect(answer.headers.location).to.equal('/guarded/login');
    expect(runs).to.deep.equal([]);
    const login = await request(app).get('/guarded/login').set('Cookie', cookieHeader(answer));
    expect(login.body).to.deep.equal({ flashes: ['Please log in first'] });
  });

  it('guards every action of a decorated controller class', async () => {
    await request(app).get('/guarded-class/a').expect(401);
    await request(app).get('/guarded-class/a').set('Authorization', bearer()).expect(200);
    expect(runs).to.deep.equal(['class-a']);
  });

  it('leaves unguarded actions alone', async () => {
    await request(app).get('/guarded/open').expect(200, { open: true });
  });
});
