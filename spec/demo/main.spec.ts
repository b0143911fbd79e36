import { expect } from 'chai';
import request from 'supertest';
import { runDemoToExit, startDemo, type DemoProcess } from './support/demo-process';

const SECRET = 'demo-main-spec-secret-0123456789-abcdef';
const RANDOM_SECRET_LINE = 'SESSION_SECRET is not set: using a random per-process secret';

/** `demo/main.ts` as a process, the way `npm start` runs it. */
describe('demo entry point (demo/main.ts)', function () {
  // Each case starts Node with ts-node, which takes a few seconds on a small machine.
  this.timeout(30_000);
  let demo: DemoProcess | undefined;

  afterEach(async () => {
    await demo?.stop('SIGKILL');
    demo = undefined;
  });

  it('without SESSION_SECRET: prints its URL, says it runs on a random secret, serves, and exits 0 on SIGTERM', async () => {
    demo = await startDemo();
    expect(demo.url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    await request(demo.url).get('/ping').expect(200, { ping: 'pong' });
    expect(await demo.stop('SIGTERM')).to.equal(0);
    const output = demo.output();
    expect(output.split('\n').filter((line) => line.includes(RANDOM_SECRET_LINE))).to.have.length(1);
    expect(output).to.include('JwtSessionWarning');
    expect(output).to.include('SIGTERM received: shutting down the server ...').and.to.include('Server exiting');
  });

  it('with SESSION_SECRET: keeps logins across a restart, says nothing about secrets, and exits 0 on SIGINT', async () => {
    demo = await startDemo({ SESSION_SECRET: SECRET });
    const browser = request.agent(demo.url);
    const form = await browser.get('/login').expect(200);
    const csrfToken = /name="_csrf" value="([\w-]+)"/.exec(form.text)?.[1];
    const login = await browser.post('/validate-jwt-login').type('form').send({ username: 'admin', password: 'admin', _csrf: csrfToken }).expect(303);
    const cookies = login.headers['set-cookie'] as unknown as string[];
    expect(await demo.stop('SIGINT')).to.equal(0);
    expect(demo.output()).not.to.include('SESSION_SECRET').and.not.to.include('JwtSessionWarning');
    expect(demo.output()).to.include('SIGINT received').and.to.include('Server exiting');

    demo = await startDemo({ SESSION_SECRET: SECRET });
    const home = await request(demo.url).get('/').set('Cookie', cookies.map((cookie) => cookie.split(';')[0])).expect(200);
    expect(home.text).to.include('Welcome admin');
  });

  it('turns the CSRF defence on: a login posted without the form\'s token is refused with 403', async () => {
    demo = await startDemo({ SESSION_SECRET: SECRET });
    const browser = request.agent(demo.url);
    await browser.get('/login').expect(200);
    const login = await browser.post('/validate-jwt-login').type('form').send({ username: 'admin', password: 'admin' }).expect(403);
    expect(login.headers['set-cookie']).to.equal(undefined);
    await browser.get('/api/me').expect(401);
  });

  it('refuses to start on a PORT that is not a port', async () => {
    const { code, output } = await runDemoToExit({ PORT: '3e3' });
    expect(code).to.equal(1);
    expect(output).to.include('Demo failed: PORT must be a whole number from 0 to 65535, not "3e3"');
  });

  it('refuses to start in production without SESSION_SECRET', async () => {
    const { code, output } = await runDemoToExit({ NODE_ENV: 'production' });
    expect(code).to.equal(1);
    expect(output).to.match(/Demo failed: .*secret/i);
  });
});
