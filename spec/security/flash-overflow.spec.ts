import { expect } from 'chai';
import type { Express } from 'express';
import { Get, JsonController } from 'routing-controllers';
import { Service } from 'typedi';
import request from 'supertest';
import { Session } from '../../src/decorators/session';
import { SessionTooLargeError } from '../../src/errors/session-errors';
import type { FlashEntry } from '../../src/session/flash-bag';
import type { SessionHandle } from '../../src/session/session-handle';
import { buildApp } from '../support/app';
import { cookieHeader, setCookie } from '../support/cookies';

/** What an action reports of the error a session call threw. */
function caught(error: unknown) {
  if (!(error instanceof SessionTooLargeError)) throw error;
  return { name: error.name, code: error.code, cookieName: error.cookieName, limit: error.limit, over: error.size > error.limit };
}

@Service()
@JsonController('/overflow')
class OverflowController {
  @Get('/seed')
  seed(@Session() session: SessionHandle) {
    session.set('profile', { name: 'alice' });
    session.flash('first');
    session.flash('second', 'info');
    return { seeded: true };
  }

  @Get('/flash')
  flash(@Session() session: SessionHandle) {
    session.flash('third');
    try {
      session.flash('x'.repeat(5000));
    } catch (error) {
      return caught(error);
    }
    return { thrown: false };
  }

  @Get('/set')
  set(@Session() session: SessionHandle) {
    try {
      session.set('notes', 'n'.repeat(5000));
    } catch (error) {
      return caught(error);
    }
    return { thrown: false };
  }

  /** Flashes 100-character messages until one does not fit, and says how many did. */
  @Get('/fill')
  fill(@Session() session: SessionHandle) {
    for (let n = 0; ; n += 1) {
      try {
        session.flash(`${String(n).padStart(3, '0')}${'m'.repeat(97)}`);
      } catch (error) {
        return { stored: n, error: caught(error) };
      }
    }
  }

  @Get('/read')
  read(@Session() session: SessionHandle) {
    const entries: FlashEntry[] = session.flashEntries();
    return { profile: session.get('profile') ?? null, notes: session.get('notes') ?? null, flashes: entries.map((entry) => entry.message) };
  }
}

const TOO_LARGE = { name: 'SessionTooLargeError', code: 'ERR_SESSION_TOO_LARGE', limit: 4096, over: true };

describe('flash and session overflow over HTTP', () => {
  let app: Express;
  before(() => (app = buildApp([OverflowController])));

  it('throws SessionTooLargeError to the action whose flash would overflow, and delivers every flash pending before it', async () => {
    const seed = await request(app).get('/overflow/seed').expect(200);
    const overflow = await request(app).get('/overflow/flash').set('Cookie', cookieHeader(seed)).expect(200);
    expect(overflow.body).to.deep.equal({ ...TOO_LARGE, cookieName: 'jwtFlash' });
    const next = await request(app).get('/overflow/read').set('Cookie', cookieHeader(seed, overflow)).expect(200);
    expect(next.body).to.deep.equal({ profile: { name: 'alice' }, notes: null, flashes: ['first', 'second', 'third'] });
  });

  it('throws SessionTooLargeError for a session value that would overflow, leaving the data and the flashes as they were', async () => {
    const seed = await request(app).get('/overflow/seed').expect(200);
    const overflow = await request(app).get('/overflow/set').set('Cookie', cookieHeader(seed)).expect(200);
    expect(overflow.body).to.deep.equal({ ...TOO_LARGE, cookieName: 'jwtSession' });
    expect(setCookie(overflow, 'jwtSession'), 'the session cookie is not re-sent').to.equal(undefined);
    const next = await request(app).get('/overflow/read').set('Cookie', cookieHeader(seed, overflow)).expect(200);
    expect(next.body).to.deep.equal({ profile: { name: 'alice' }, notes: null, flashes: ['first', 'second'] });
  });

  it('fills the flash cookie up to the last message that fits, refuses the next, and delivers all that fit in order', async () => {
    const fill = await request(app).get('/overflow/fill').expect(200);
    const { stored, error } = fill.body as { stored: number; error: object };
    expect(error).to.deep.equal({ ...TOO_LARGE, cookieName: 'jwtFlash' });
    expect(stored).to.be.within(25, 40);
    const cookie = setCookie(fill, 'jwtFlash');
    expect(`jwtFlash=${cookie?.value}`.length, 'the cookie a browser must keep').to.be.below(4096);
    const next = await request(app).get('/overflow/read').set('Cookie', cookieHeader(fill)).expect(200);
    const flashes = (next.body as { flashes: string[] }).flashes;
    expect(flashes.map((message) => Number(message.slice(0, 3)))).to.deep.equal(Array.from({ length: stored }, (_, n) => n));
  });
});
