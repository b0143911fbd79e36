import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { HOSTILE_FLASHES, plantedFlashCookie } from '../security/support/hostile-flash';
import { startDemo, type DemoProcess } from './support/demo-process';

/** Debian's Chromium: .ci/run installs it; Playwright's own browser downloads cannot be fetched here. */
const CHROMIUM = '/usr/bin/chromium';
/** Headless without a sandbox (CI runs as root) and without the background traffic Chromium starts on its own. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const SCREENSHOT = path.resolve(__dirname, '../../.artifacts/demo-logged-in.png');
const SECRET = 'demo-browser-spec-secret-0123456789-abcd';

/** The DOM the steps use inside the page: the specs compile without the DOM library. */
declare function getComputedStyle(element: unknown): { backgroundColor: string };
declare const document: { title: string; scripts: { length: number }; querySelectorAll(selector: string): { length: number } };

/**
 * The demo as a newcomer meets it: `demo/main.ts` started as `npm start` starts it, and a real
 * browser keeping real cookies. The steps run in order, as one visit.
 */
describe('demo in a real browser (Chromium)', function () {
  this.timeout(60_000);
  let demo: DemoProcess | undefined;
  let context: BrowserContext | undefined;
  let userDataDir: string | undefined;
  let page: Page;
  /** Page errors, console errors and failed loads: none may happen on the way. */
  const problems: string[] = [];
  /** What the browser saw, printed at the end for the record. */
  const seen: string[] = [];

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: under CI the browser test must run (.ci/run installs chromium)`);
      console.log(`    Skipping the browser test: ${CHROMIUM} is not installed (apt-get install chromium).`);
      this.skip();
    }
    demo = await startDemo({ SESSION_SECRET: SECRET });
    userDataDir = mkdtempSync(path.join(os.tmpdir(), 'demo-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('requestfailed', (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} for ${response.url()}`);
    });
  });

  after(async () => {
    await context?.close();
    await demo?.stop();
    if (userDataDir !== undefined) rmSync(userDataDir, { recursive: true, force: true });
    if (seen.length > 0) console.log(seen.map((line) => `      browser saw: ${line}`).join('\n'));
  });

  afterEach(() => {
    // Taken out, so a problem fails the step it happened in, not every later one.
    expect(problems.splice(0), 'page errors, console errors or failed loads').to.deep.equal([]);
  });

  const flashes = (): Promise<string[]> => page.locator('.flash').allTextContents();

  /** Submits the login form and waits for the page the redirect lands on. */
  async function submitLogin(username: string, password: string): Promise<void> {
    await page.fill('#username', username);
    await page.fill('#password', password);
    await Promise.all([page.waitForEvent('load'), page.click('button[type=submit]')]);
  }

  it('opens the login form, styled, naming the demo users, with its CSRF token in a hidden field', async () => {
    await page.goto(`${demo?.url}/login`);
    expect(await page.locator('h1').textContent()).to.equal('Log in');
    expect(await page.locator('form input[type=hidden][name=_csrf]').getAttribute('value')).to.match(/^[\w-]{43}$/);
    expect(await page.locator('.demo-users').textContent()).to.include('These are demo users');
    // The stylesheet loaded and applied: the submit button is no longer the browser's grey default.
    expect(await page.locator('button[type=submit]').evaluate((button) => getComputedStyle(button).backgroundColor)).to.equal('rgb(47, 111, 222)');
  });

  it('shows the error flash after a wrong password', async () => {
    await submitLogin('admin', 'not-the-password');
    expect(new URL(page.url()).pathname).to.equal('/login');
    const shown = await flashes();
    expect(shown).to.deep.equal(['Error : username or password']);
    seen.push(`after a wrong password, on ${new URL(page.url()).pathname}: flashes ${JSON.stringify(shown)}`);
  });

  it('logs in as admin/admin: "Welcome admin" and both success flashes', async () => {
    await submitLogin('admin', 'admin');
    expect(new URL(page.url()).pathname).to.equal('/');
    const welcome = await page.locator('#welcome').textContent();
    const shown = await flashes();
    expect(welcome).to.equal('Welcome admin');
    expect(shown).to.deep.equal(['success : successful login', 'username : admin']);
    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    seen.push(`after admin/admin, on ${new URL(page.url()).pathname}: "${welcome}", flashes ${JSON.stringify(shown)}`);
    seen.push(`screenshot: ${path.relative(process.cwd(), SCREENSHOT)}`);
  });

  it('shows the flashes only once: gone after a reload, still logged in', async () => {
    await page.reload();
    expect(await flashes()).to.deep.equal([]);
    expect(await page.locator('#welcome').textContent()).to.equal('Welcome admin');
    seen.push(`after a reload: "${await page.locator('#welcome').textContent()}", flashes ${JSON.stringify(await flashes())}`);
  });

  it('reads /api/me as JSON with the login cookie', async () => {
    const response = await page.goto(`${demo?.url}/api/me`);
    expect(response?.status()).to.equal(200);
    const body = await page.locator('body').innerText();
    expect(JSON.parse(body)).to.deep.equal({ username: 'admin' });
    seen.push(`/api/me: ${response?.status()} ${body}`);
  });

  it('logs out from the home page and lands on the login form, logged out', async () => {
    await page.goto(`${demo?.url}/`);
    await Promise.all([page.waitForURL('**/logout'), page.click('#logout')]);
    const heading = await page.locator('h1').textContent();
    const notice = await page.locator('#logged-out').textContent();
    const cookies = (await context?.cookies())?.map((cookie) => cookie.name);
    expect(heading).to.equal('Log in');
    expect(notice).to.equal('You are logged out.');
    expect(await page.locator('form[action="/validate-jwt-login"]').count()).to.equal(1);
    // The token and flashes are gone; the one cookie left is the new form's session, holding its CSRF token.
    expect(cookies).to.deep.equal(['jwtSession']);
    seen.push(`after logout, on ${new URL(page.url()).pathname}: "${heading}" form, "${notice}", cookies ${JSON.stringify(cookies)}`);

    await page.goto(`${demo?.url}/`);
    expect(await page.locator('#welcome').count()).to.equal(0);
    const guest = await page.locator('h1').textContent();
    expect(guest).to.equal('Welcome, guest');
    expect(await page.locator('#login').getAttribute('href')).to.equal('/login');
    seen.push(`then home shows "${guest}" with a login link`);
  });

  it('refuses the login form posted from another site with 403, and stays logged out', async () => {
    // The attacker's site (localhost is another site than 127.0.0.1) cannot read the form's token,
    // so its copy of the form has none; the browser does not send the demo's Lax cookies with it either.
    const attacker = createServer((_request, response) => {
      response.setHeader('Content-Type', 'text/html');
      response.end(`<form method="post" action="${demo?.url}/validate-jwt-login"><input name="username" value="admin"><input name="password" value="admin"><button>go</button></form>`);
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    try {
      await page.goto(`http://localhost:${(attacker.address() as AddressInfo).port}/`);
      const [response] = await Promise.all([page.waitForEvent('response'), page.click('button')]);
      // Let the 403 page finish loading, or the next navigation aborts it (a "failed load" below).
      await page.waitForLoadState('load');
      expect(response.status()).to.equal(403);
      expect(await response.request().headerValue('cookie')).to.equal(null);
    } finally {
      attacker.closeAllConnections();
      attacker.close();
    }
    await page.goto(`${demo?.url}/`);
    expect(await page.locator('h1').textContent()).to.equal('Welcome, guest');
    // That 403 (and Chromium's console line about it) is the outcome this step wants, not a problem of the page.
    const expected = [`403 for ${demo?.url}/validate-jwt-login`, 'console error: Failed to load resource: the server responded with a status of 403 (Forbidden)'];
    problems.splice(0, problems.length, ...problems.filter((problem) => !expected.includes(problem)));
    seen.push('a login form posted from another site: 403, then home shows "Welcome, guest"');
  });

  it('shows flashes holding markup as text and runs none of it', async () => {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    for (const payload of HOSTILE_FLASHES) {
      await context?.addCookies([{ name: 'jwtFlash', value: await plantedFlashCookie(SECRET, payload), url: demo?.url ?? '' }]);
      await page.goto(`${demo?.url}/`);
      expect(await flashes(), payload).to.deep.equal([payload]);
      expect(await page.evaluate(() => ({ title: document.title, scripts: document.scripts.length, images: document.querySelectorAll('img, svg, a[href^="javascript"]').length }))).to.deep.equal({
        title: 'Main website · routing-controllers-jwt-session demo',
        scripts: 0,
        images: 0,
      });
    }
    expect(dialogs).to.deep.equal([]);
    seen.push(`${HOSTILE_FLASHES.length} flashes holding markup shown as text, no script run`);
  });
});
