import 'reflect-metadata';
import { expect } from 'chai';
import type { Express } from 'express';
import { SessionManager } from 'routing-controllers-jwt-session';
import request from 'supertest';
import { Container } from 'typedi';
import { createDemoApp } from '../../demo/app';
import { demoSessionOptions } from '../../demo/session-options';
import { HOSTILE_FLASHES, plantedFlashCookie } from './support/hostile-flash';

const SECRET = 'demo-markup-spec-secret-0123456789-abcdef';

/** The HTML escaping EJS's `<%= %>` applies. */
function escaped(text: string): string {
  const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };
  return text.replace(/[&<>"']/g, (char) => entities[char]);
}

describe('demo pages render hostile flash messages as text', () => {
  let app: Express;
  before(() => {
    Container.get(SessionManager).configure(demoSessionOptions(SECRET));
    app = createDemoApp();
  });

  for (const payload of HOSTILE_FLASHES) {
    it(`shows ${JSON.stringify(payload)} escaped, as the text of one flash`, async () => {
      const cookie = await plantedFlashCookie(SECRET, payload);
      const page = await request(app).get('/').set('Cookie', `jwtFlash=${cookie}`).expect(200).expect('Content-Type', /html/);
      const items = [...page.text.matchAll(/<li class="flash flash-\w+">([^<]*)<\/li>/g)].map((match) => match[1]);
      expect(items).to.deep.equal([escaped(payload)]);
      expect(page.text).not.to.include(payload);
      expect(page.text).not.to.include(SECRET);
    });
  }

  it('sends a Content-Security-Policy that would block inline script anyway', async () => {
    const page = await request(app).get('/').expect(200);
    expect(page.headers['content-security-policy']).to.include("default-src 'self'").and.not.to.include('unsafe-inline');
  });
});
