import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const DIST = resolve(__dirname, '../../dist');

// The built entry points (npm test builds first); pack.spec.ts installs them into real apps.
describe('ESM entry point (dist/index.mjs)', () => {
  let cjs: Record<string, unknown>;
  let esm: Record<string, unknown>;

  before(async () => {
    cjs = createRequire(__filename)(join(DIST, 'index.js')) as Record<string, unknown>;
    esm = (await import(pathToFileURL(join(DIST, 'index.mjs')).href)) as Record<string, unknown>;
  });

  it('exports every runtime export of the CommonJS build by name, and nothing else', () => {
    const names = Object.keys(cjs).filter((name) => name !== '__esModule');
    expect(Object.keys(esm).sort()).to.deep.equal(names.sort());
  });

  it('exports the very objects of the CommonJS build, so import and require share one SessionManager', () => {
    for (const [name, value] of Object.entries(esm)) expect(value, name).to.equal(cjs[name]);
  });

  it('declares its types by re-exporting the CommonJS declarations', async () => {
    expect(await readFile(join(DIST, 'index.d.mts'), 'utf8')).to.match(/^export \* from '\.\/index\.js';$/m);
  });
});
