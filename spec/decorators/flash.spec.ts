import { expect } from 'chai';
import { Get, JsonController } from 'routing-controllers';
import { Service } from 'typedi';
import request from 'supertest';
import { Flash } from '../../src/decorators/flash';
import { Session } from '../../src/decorators/session';
import type { SessionHandle } from '../../src/session/session-handle';
import type { Express } from 'express';
import { buildApp } from '../support/app';
import { cookieHeader } from '../support/cookies';

@Service()
@JsonController('/flash-decorator')
class FlashDecoratorController {
  @Get('/add')
  add(@Session() session: SessionHandle) {
    session.flash('saved');
    session.flash('<b>twice</b>');
    return { ok: true };
  }

  @Get('/show')
  show(@Flash() flashes: string[]) {
    return flashes;
  }
}

describe('@Flash()', () => {
  let app: Express;
  before(() => (app = buildApp([FlashDecoratorController])));

  it('injects pending flashes in order and consumes them', async () => {
    const add = await request(app).get('/flash-decorator/add');
    const first = await request(app).get('/flash-decorator/show').set('Cookie', cookieHeader(add));
    expect(first.body).to.deep.equal(['saved', '<b>twice</b>']);
    const second = await request(app).get('/flash-decorator/show').set('Cookie', cookieHeader(add, first));
    expect(second.body).to.deep.equal([]);
  });

  it('injects an empty array when there are none', async () => {
    expect((await request(app).get('/flash-decorator/show')).body).to.deep.equal([]);
  });
});
