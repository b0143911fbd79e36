import type { Response } from 'express';
import { expect } from 'chai';
import { BadRequestError, Get, JsonController, Redirect, Res } from 'routing-controllers';
import { Container, Service } from 'typedi';
import request from 'supertest';
import { Flash } from '../../src/decorators/flash';
import { Session } from '../../src/decorators/session';
import type { SessionHandle } from '../../src/session/session-handle';
import { SessionManager } from '../../src/session/session-manager';
import type { Express } from 'express';
import { buildApp } from '../support/app';
import { cookieHeader, setCookie } from '../support/cookies';
import { waitFor } from '../support/wait-for';

@Service()
@JsonController('/paths')
class ResponsePathsController {
  @Get('/http-error')
  httpError(@Session() session: SessionHandle) {
    session.flash('Your form had errors');
    throw new BadRequestError('bad form');
  }

  @Get('/crash')
  async crash(@Session() session: SessionHandle) {
    session.set('step', 1);
    await Promise.resolve();
    throw new Error('boom');
  }

  @Get('/res')
  res(@Session() session: SessionHandle, @Res() res: Response) {
    session.flash('via @Res');
    return res.status(202).json({ manual: true });
  }

  @Get('/redirect')
  @Redirect('/paths/flashes')
  redirect(@Session() session: SessionHandle) {
    session.flash('after redirect');
  }

  @Get('/flashes')
  flashes(@Flash() flashes: string[]) {
    return flashes;
  }

  @Get('/session')
  session(@Session() session: SessionHandle) {
    return { step: session.get('step') ?? null };
  }
}

for (const interceptor of [true, false]) {
  describe(`response paths ${interceptor ? 'with' : 'without'} SessionInterceptor`, () => {
    let app: Express;
    before(() => (app = buildApp([ResponsePathsController], { interceptor })));
    const manager = () => Container.get(SessionManager);

    afterEach(() => waitFor(() => manager().activeRequests === 0));

    it('sends a flash set before a thrown HttpError along with the error', async () => {
      const answer = await request(app).get('/paths/http-error').expect(400);
      expect(answer.body).to.include({ name: 'BadRequestError', message: 'bad form' });
      const next = await request(app).get('/paths/flashes').set('Cookie', cookieHeader(answer));
      expect(next.body).to.deep.equal(['Your form had errors']);
    });

    it('sends session changes made before an unexpected error, answered with 500', async () => {
      const answer = await request(app).get('/paths/crash').expect(500);
      const next = await request(app).get('/paths/session').set('Cookie', cookieHeader(answer));
      expect(next.body).to.deep.equal({ step: 1 });
    });

    it('sends cookies with a response written through @Res()', async () => {
      const answer = await request(app).get('/paths/res').expect(202, { manual: true });
      const next = await request(app).get('/paths/flashes').set('Cookie', cookieHeader(answer));
      expect(next.body).to.deep.equal(['via @Res']);
    });

    it('sends cookies with an @Redirect', async () => {
      const answer = await request(app).get('/paths/redirect').expect(302);
      expect(answer.headers.location).to.equal('/paths/flashes');
      expect(setCookie(answer, 'jwtFlash')).not.to.equal(undefined);
      const next = await request(app).get('/paths/flashes').set('Cookie', cookieHeader(answer));
      expect(next.body).to.deep.equal(['after redirect']);
    });
  });
}
