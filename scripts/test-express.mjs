#!/usr/bin/env node
// Runs the whole test suite against another Express major, in a throw-away copy of the project so
// the developer's node_modules keep the locked Express 4: `npm run test:express5`.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const major = process.argv[2];
if (!/^\d+$/.test(major ?? '')) {
  console.error('usage: node scripts/test-express.mjs <major>, e.g. 5');
  process.exit(2);
}
const root = resolve(import.meta.dirname, '..');
const copy = mkdtempSync(join(tmpdir(), `rcjs-express${major}-`));
const run = (command, args) => execFileSync(command, args, { cwd: copy, stdio: 'inherit', env: process.env });

try {
  const tracked = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root })
    .toString()
    .split('\0')
    .filter((file) => file !== '' && existsSync(join(root, file)));
  for (const file of tracked) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    copyFileSync(join(root, file), join(copy, file));
  }
  console.log(`== Express ${major}: installing in ${copy}`);
  run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund']);
  run('npm', ['install', '--no-save', '--prefer-offline', '--no-audit', '--no-fund', `express@^${major}`]);
  run('node', ['-e', "console.log('== testing with express', require('express/package.json').version)"]);
  run('npm', ['test']);
} finally {
  rmSync(copy, { recursive: true, force: true });
}
