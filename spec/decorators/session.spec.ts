import type { Request, Response } from 'express';
import { expect } from 'chai';
import { Container } from 'typedi';
import { Get, JsonController, Req, Res } from 'routing-controllers';
import { Service } from 'typedi';
import request from 'supertest';
import { Session } from '../../src/decorators/session';
import type { SessionHandle } from '../../src/session/session-handle';
import { SessionManager } from '../../src/session/session-manager';
import type { Express } from 'express';
import { buildApp } from '../support/app';
import { cookieHeader } from '../support/cookies';

@Service()
@JsonController('/session-decorator')
class SessionDecoratorController {
  @Get('/same')
  async same(@Session() a: SessionHandle, @Session() b: SessionHandle, @Req() req: Request, @Res() res: Response) {
    const fromManager = await Container.get(SessionManager).session(req, res);
    return res.json({ same: a === b && a === fromManager });
  }

  @Get('/store')
  store(@Session() session: SessionHandle) {
    session.set('theme', 'dark');
    return { ok: true };
  }

  @Get('/read')
  read(@Session('theme') theme: string | undefined, @Session('missing') missing: unknown) {
    return { theme: theme ?? null, missing: missing === undefined };
  }
}

describe('@Session()', () => {
  let app: Express;
  before(() => (app = buildApp([SessionDecoratorController])));

  it('injects one handle per request, the one SessionManager.session returns', async () => {
    expect((await request(app).get('/session-decorator/same').expect(200)).body).to.deep.equal({ same: true });
  });

  it("with a key injects that key's value, undefined when absent", async () => {
    const stored = await request(app).get('/session-decorator/store');
    const read = await request(app).get('/session-decorator/read').set('Cookie', cookieHeader(stored));
    expect(read.body).to.deep.equal({ theme: 'dark', missing: true });
  });

  it('reads a tampered session cookie as an empty session, not an error', async () => {
    const stored = await request(app).get('/session-decorator/store');
    const tampered = cookieHeader(stored).replace(/jwtSession=(.)/, (_m, c: string) => `jwtSession=${c === 'A' ? 'B' : 'A'}`);
    const read = await request(app).get('/session-decorator/read').set('Cookie', tampered).expect(200);
    expect(read.body).to.deep.equal({ theme: null, missing: true });
  });
});
