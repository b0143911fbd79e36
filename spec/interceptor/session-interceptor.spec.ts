import { expect } from 'chai';
import { Get, JsonController, UseInterceptor, type Action } from 'routing-controllers';
import { Container, Service } from 'typedi';
import request from 'supertest';
import { Session } from '../../src/decorators/session';
import type { SessionHandle } from '../../src/session/session-handle';
import { SessionManager } from '../../src/session/session-manager';
import { buildApp } from '../support/app';
import { setCookie } from '../support/cookies';

/** Runs after the global interceptors: reports what they left behind. */
function reportState(_action: Action, content: Record<string, unknown>) {
  return { ...content, activeAfterInterceptors: Container.get(SessionManager).activeRequests };
}

@Service()
@JsonController('/intercepted')
class InterceptedController {
  @Get('/')
  @UseInterceptor(reportState)
  action(@Session() session: SessionHandle) {
    session.set('visited', true);
    return { activeInAction: Container.get(SessionManager).activeRequests };
  }
}

describe('SessionInterceptor', () => {
  it('writes the pending cookies and frees the request state as soon as the action succeeds', async () => {
    const answer = await request(buildApp([InterceptedController])).get('/intercepted').expect(200);
    expect(answer.body).to.deep.equal({ activeInAction: 1, activeAfterInterceptors: 0 });
    expect(setCookie(answer, 'jwtSession')).not.to.equal(undefined);
  });

  it('is optional: without it cookies still go out and the state is freed when the response closes', async () => {
    const answer = await request(buildApp([InterceptedController], { interceptor: false })).get('/intercepted').expect(200);
    expect(answer.body).to.deep.equal({ activeInAction: 1, activeAfterInterceptors: 1 });
    expect(setCookie(answer, 'jwtSession')).not.to.equal(undefined);
  });
});
