import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { closeGracefully } from '../../demo/shutdown';

/** A server whose `/slow` answers only when the spec says so. */
function slowServer(): { server: Server; finish: () => void; started: Promise<void> } {
  let finish = (): void => undefined;
  let markStarted = (): void => undefined;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const server = createServer((req, res) => {
    if (req.url !== '/slow') return void res.end('fast');
    finish = () => res.end('slow');
    markStarted();
  });
  return { server, finish: () => finish(), started };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

/** GETs `path` on a keep-alive connection; resolves with the body, or with the error's code. */
function get(port: number, path: string): Promise<string> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { connection: 'keep-alive' } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve(body));
      res.on('error', () => resolve('aborted'));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    req.end();
  });
}

describe('demo graceful shutdown (closeGracefully)', () => {
  let server: Server | undefined;

  afterEach(() => {
    server?.closeAllConnections();
    server?.close();
  });

  it('closes at once when only idle keep-alive connections are open', async () => {
    const slow = slowServer();
    server = slow.server;
    const port = await listen(server);
    expect(await get(port, '/')).to.equal('fast');
    const started = Date.now();
    expect(await closeGracefully(server, 5000)).to.equal('closed');
    expect(Date.now() - started).to.be.below(1000);
  });

  it('lets a running request finish, then closes without waiting for its keep-alive connection', async () => {
    const slow = slowServer();
    server = slow.server;
    const port = await listen(server);
    const body = get(port, '/slow');
    await slow.started;
    const started = Date.now();
    const outcome = closeGracefully(server, 5000);
    setTimeout(slow.finish, 50);
    expect(await outcome).to.equal('closed');
    expect(await body).to.equal('slow');
    expect(Date.now() - started).to.be.below(1000);
  });

  it('cuts a request still running when the time is up', async () => {
    const slow = slowServer();
    server = slow.server;
    const port = await listen(server);
    const body = get(port, '/slow');
    await slow.started;
    expect(await closeGracefully(server, 100)).to.equal('timed out');
    expect(await body).to.be.oneOf(['ECONNRESET', 'aborted', '']);
  });
});
