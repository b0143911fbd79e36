import 'reflect-metadata';
import { once } from 'node:events';
import Redis from 'ioredis';
import type { IncomingMessage } from 'node:http';
import { createExpressServer, Get, JsonController, Req, useContainer } from 'routing-controllers';
import { Container, Service } from 'typedi';
import { Flash } from '../../../src/decorators/flash';
import { JwtUser } from '../../../src/decorators/jwt-user';
import { Session } from '../../../src/decorators/session';
import { SessionInterceptor } from '../../../src/interceptor/session-interceptor';
import type { SessionHandle } from '../../../src/session/session-handle';
import { SessionManager } from '../../../src/session/session-manager';
import { RedisSessionStore } from '../../../src/store/redis-session-store';
import type { SessionStore } from '../../../src/store/session-store';
import { REDIS_FLAG } from './redis-flag';
import { SECRET, SESSION_DATA, TOKEN_CLAIMS, TOKEN_LIFETIME, USERNAME } from '../../fixtures';
import { WeakProbe } from '../../memory/weak-probe';
import { serve } from './serve';

/** Samples 1 request in 100, at most 2000 objects: enough to see a leak, too few to cause one. */
const probe = new WeakProbe(100, 2000);

/** This library on a routing-controllers app, as its README sets it up. */
@Service()
@JsonController()
class WorkController {
  /** Fills a session and hands out a token, once, so the load carries real credentials. */
  @Get('/setup')
  setup(@Session() session: SessionHandle) {
    for (const [key, value] of Object.entries(SESSION_DATA)) session.set(key, value);
    return { token: Container.get(SessionManager).generateToken(USERNAME, TOKEN_LIFETIME, TOKEN_CLAIMS) };
  }

  /** The benchmarked route: a session value, the flashes and the token's user. */
  @Get('/work')
  work(@Session('user') user: string | undefined, @Flash() flashes: string[], @JwtUser() username: string | undefined) {
    return { user, flashes, username };
  }

  /** The memory check's route: every request brings its own session and token, and changes the session. */
  @Get('/visit')
  visit(@Session() session: SessionHandle, @JwtUser() username: string | undefined, @Req() request: IncomingMessage) {
    const visits = (session.getNumber('visits') ?? 0) + 1;
    session.set('visits', visits);
    probe.track(request, session);
    return { username, visits };
  }
}

/** `--redis=PORT` runs the same app on the Redis store against the redis-server on that port. */
async function sessionStore(): Promise<SessionStore | undefined> {
  const port = Number(process.argv.find((arg) => arg.startsWith(REDIS_FLAG))?.slice(REDIS_FLAG.length));
  if (!port) return undefined;
  const client = new Redis({ host: '127.0.0.1', port, enableOfflineQueue: false });
  client.on('error', () => undefined);
  await once(client, 'ready');
  return new RedisSessionStore(client, { prefix: `bench-${process.pid}:` });
}

void sessionStore().then((store) => {
  useContainer(Container);
  const manager = Container.get(SessionManager).configure({ secret: SECRET, store });
  const app = createExpressServer({ controllers: [WorkController], interceptors: [SessionInterceptor], development: false });
  serve(app, () => ({ activeRequests: manager.activeRequests, probed: probe.tracked, survivors: probe.survivors() }));
});
