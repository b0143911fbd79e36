import { createServer, type ServerResponse } from 'node:http';
import { expect } from 'chai';
import request from 'supertest';
import { appendSetCookie, onHeaders } from '../../src/session/on-headers';

/** A server whose handler hooks a listener that adds a cookie, then answers with `send`. */
function serverWith(send: (response: ServerResponse) => void) {
  const calls: number[] = [];
  const server = createServer((_request, response) => {
    onHeaders(response, () => {
      calls.push(response.statusCode);
      appendSetCookie(response, ['hooked=1']);
    });
    send(response);
  });
  return { server, calls };
}

describe('onHeaders', () => {
  it('runs once before implicit headers from end()', async () => {
    const { server, calls } = serverWith((response) => {
      response.statusCode = 201;
      response.write('a');
      response.end('b');
    });
    const answer = await request(server).get('/').expect(201);
    expect(answer.headers['set-cookie']).to.deep.equal(['hooked=1']);
    expect(calls).to.deep.equal([201]);
  });

  it('keeps its cookie when writeHead is given headers, including Set-Cookie', async () => {
    const { server } = serverWith((response) => {
      response.writeHead(303, { Location: '/next', 'Set-Cookie': ['app=1'] }).end();
    });
    const answer = await request(server).get('/').expect(303);
    expect(answer.headers.location).to.equal('/next');
    expect(answer.headers['set-cookie']).to.deep.equal(['app=1', 'hooked=1']);
  });

  it('passes a reason phrase through', async () => {
    const { server, calls } = serverWith((response) => {
      response.writeHead(418, 'Short and stout', { 'X-Tea': 'yes' }).end();
    });
    const answer = await request(server).get('/').expect(418);
    expect(answer.headers['x-tea']).to.equal('yes');
    expect(answer.headers['set-cookie']).to.deep.equal(['hooked=1']);
    expect(calls).to.deep.equal([418]);
  });
});

describe('appendSetCookie', () => {
  it('adds to a single Set-Cookie string already set', async () => {
    const server = createServer((_request, response) => {
      response.setHeader('Set-Cookie', 'first=1');
      appendSetCookie(response, ['second=2', 'third=3']);
      response.end();
    });
    const answer = await request(server).get('/');
    expect(answer.headers['set-cookie']).to.deep.equal(['first=1', 'second=2', 'third=3']);
  });
});
