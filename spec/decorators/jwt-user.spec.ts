import { expect } from 'chai';
import { Get, JsonController } from 'routing-controllers';
import { Container, Service } from 'typedi';
import request from 'supertest';
import { JwtUser } from '../../src/decorators/jwt-user';
import { SessionManager } from '../../src/session/session-manager';
import type { Express } from 'express';
import { buildApp } from '../support/app';

@Service()
@JsonController('/jwt-user')
class JwtUserController {
  static runs = 0;

  @Get('/optional')
  optional(@JwtUser() username: string | undefined) {
    return { username: username ?? null };
  }

  @Get('/required')
  required(@JwtUser({ required: true }) username: string) {
    JwtUserController.runs += 1;
    return { username };
  }
}

describe('@JwtUser()', () => {
  let app: Express;
  before(() => (app = buildApp([JwtUserController])));
  const token = () => Container.get(SessionManager).generateToken('carol');

  it('injects the username of a Bearer token', async () => {
    const answer = await request(app).get('/jwt-user/optional').set('Authorization', `Bearer ${token()}`);
    expect(answer.body).to.deep.equal({ username: 'carol' });
  });

  it('injects the username of the token cookie', async () => {
    const answer = await request(app).get('/jwt-user/optional').set('Cookie', `jwtTokenSession=${token()}`);
    expect(answer.body).to.deep.equal({ username: 'carol' });
  });

  it('injects undefined for a missing, tampered or foreign token', async () => {
    for (const authorization of [undefined, `Bearer ${token()}x`, 'Bearer not.a.token']) {
      const call = request(app).get('/jwt-user/optional');
      const answer = await (authorization === undefined ? call : call.set('Authorization', authorization)).expect(200);
      expect(answer.body, String(authorization)).to.deep.equal({ username: null });
    }
  });

  it('with required: true answers 401 JSON without running the action', async () => {
    const before = JwtUserController.runs;
    const answer = await request(app).get('/jwt-user/required').set('Authorization', 'Bearer bad').expect(401);
    expect(answer.body).to.include({ name: 'JwtRequiredError', code: 'ERR_JWT_REQUIRED' });
    expect(answer.body.message).to.contain('valid JWT');
    expect(answer.headers['www-authenticate']).to.equal('Bearer');
    expect(JwtUserController.runs).to.equal(before);
  });

  it('with required: true runs the action for a valid token', async () => {
    const answer = await request(app).get('/jwt-user/required').set('Authorization', `Bearer ${token()}`).expect(200);
    expect(answer.body).to.deep.equal({ username: 'carol' });
  });
});
