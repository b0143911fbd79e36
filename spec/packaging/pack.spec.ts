import { expect } from 'chai';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';

const REPO = resolve(__dirname, '../..');
const STARTUP_TIMEOUT_MS = 30_000;
const TOP_LEVEL_FILES = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'];
/** The entry points the exports map names: CommonJS for `require`, the ESM wrapper for `import`. */
const ENTRY_FILES = ['dist/index.js', 'dist/index.d.ts', 'dist/index.mjs', 'dist/index.d.mts'];

/** The two kinds of app a user may have; both share one install of the tarball and the peers. */
const APPS = {
  cjs: { source: join(__dirname, 'consumer-app.ts'), type: 'commonjs' },
  esm: { source: join(__dirname, 'consumer-app-esm.mts'), type: 'module' },
} as const;

/** The Express major this run tests (the CI matrix installs each in turn); the app gets the same. */
const EXPRESS_MAJOR = Number(
  (JSON.parse(readFileSync(require.resolve('express/package.json'), 'utf8')) as { version: string }).version.split('.')[0],
);

/** What the app installs next to the tarball: the peers, and what it needs to compile. */
const APP_DEPENDENCIES = [
  'routing-controllers@0.11.3',
  'typedi@0.10.0',
  EXPRESS_MAJOR >= 5 ? 'express@^5' : 'express@^4.21',
  'reflect-metadata@^0.2.2',
  'class-transformer@^0.5.1',
  'class-validator@^0.14.4',
  'typescript@~5.9.3',
  EXPRESS_MAJOR >= 5 ? '@types/express@^5' : '@types/express@^4.17',
  '@types/node@^20',
];

/** A user's strict settings; no skipLibCheck, so the shipped .d.ts files are checked too. */
const APP_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'node16',
    moduleResolution: 'node16',
    strict: true,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    esModuleInterop: true,
    skipLibCheck: false,
    types: ['node'],
    rootDir: 'src',
    outDir: 'dist',
  },
  include: ['src'],
};

interface PackResult {
  filename: string;
  files: { path: string }[];
}

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

const execFileAsync = promisify(execFile);

/** Runs a program without a shell; a non-zero exit is returned, not thrown, so callers can show its output. */
async function run(file: string, args: string[], cwd: string): Promise<RunResult> {
  try {
    const { stdout, stderr } = await execFileAsync(file, args, { cwd, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string; message: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? failed.message };
  }
}

/** Like {@link run}, but a non-zero exit fails with the program's output. */
async function mustRun(file: string, args: string[], cwd: string): Promise<string> {
  const result = await run(file, args, cwd);
  if (result.code !== 0) {
    throw new Error(`${file} ${args.join(' ')} exited with ${result.code}\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

/** `npm pack` of the repo (its prepack script builds dist/) into `destination`. */
async function pack(destination: string): Promise<PackResult> {
  const stdout = await mustRun('npm', ['pack', '--json', '--pack-destination', destination], REPO);
  const [result] = JSON.parse(stdout) as PackResult[];
  return result;
}

/**
 * A folder outside the repo with the tarball and the peers installed; the apps live in its
 * subfolders and find them in its node_modules, as Node and tsc look up the parent folders.
 */
async function installPackage(directory: string, tarball: string): Promise<void> {
  await writeFile(join(directory, 'package.json'), JSON.stringify({ name: 'pack-consumers', version: '0.0.0', private: true }));
  await mustRun('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball, ...APP_DEPENDENCIES], directory);
}

/** An app of `kind` in `directory`: its package.json says which module system its files use. */
async function createApp(directory: string, kind: keyof typeof APPS): Promise<void> {
  await mkdir(join(directory, 'src'), { recursive: true });
  await writeFile(join(directory, 'package.json'), JSON.stringify({ name: `pack-consumer-${kind}`, version: '0.0.0', private: true, type: APPS[kind].type }));
  await copyFile(APPS[kind].source, join(directory, 'src', 'main.ts'));
  await writeFile(join(directory, 'tsconfig.json'), JSON.stringify(APP_TSCONFIG, null, 2));
}

/** tsc of the shared install, run on the app in `directory`. */
function compileApp(directory: string): Promise<RunResult> {
  return run(join(directory, '..', 'node_modules', '.bin', 'tsc'), ['-p', directory], directory);
}

/** Starts the compiled app and resolves with its child process and the port it printed. */
async function startApp(directory: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [join(directory, 'dist', 'main.js')], { cwd: directory, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const firstLine = once(createInterface({ input: child.stdout! }), 'line').then(([line]) => String(line));
  // 'close' (not 'exit') so stderr is complete; it resolves, as it also settles when after() kills the app.
  const exited = once(child, 'close').then(([code]) => `exit code ${String(code)}`);
  const waiting = new AbortController();
  const timedOut = delay(STARTUP_TIMEOUT_MS, `nothing within ${STARTUP_TIMEOUT_MS} ms`, { signal: waiting.signal }).catch(() => '');
  try {
    const line = await Promise.race([firstLine, exited, timedOut]);
    const port = Number(line);
    if (!Number.isInteger(port) || port <= 0) throw new Error(`the app printed no port (${line})\n${stderr}`);
    return { child, port };
  } catch (error) {
    await stopApp(child);
    throw error;
  } finally {
    waiting.abort();
  }
}

/** Kills the app, if it still runs, and waits for it to go. */
async function stopApp(child: ChildProcess | undefined): Promise<void> {
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill();
  await exited;
}

/** Which of `expected` are not among `paths`. */
function missingFrom(paths: string[], expected: string[]): string[] {
  return expected.filter((path) => !paths.includes(path));
}

/** The `name=value` pairs of a response's `Set-Cookie` headers. */
function cookiesOf(response: Response): Map<string, string> {
  const pairs = response.headers.getSetCookie().map((header) => header.split(';')[0]);
  return new Map(pairs.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
}

describe('npm package', function () {
  this.timeout(240_000);

  let scratch: string;
  let packed: PackResult;
  let paths: string[];

  before(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'rc-jwt-session-pack-'));
    await mkdir(join(scratch, 'tarball'));
    packed = await pack(join(scratch, 'tarball'));
    paths = packed.files.map((file) => file.path);
  });

  after(async () => {
    if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
  });

  it('contains only package.json, README.md, LICENSE, CHANGELOG.md and files under dist/', () => {
    expect(missingFrom(paths, TOP_LEVEL_FILES), 'missing').to.deep.equal([]);
    const unexpected = paths.filter((path) => !TOP_LEVEL_FILES.includes(path) && !path.startsWith('dist/'));
    expect(unexpected, 'unexpected').to.deep.equal([]);
  });

  it('contains the CommonJS and ESM entry points and their declarations, and no sources, specs or demo', () => {
    expect(missingFrom(paths, ENTRY_FILES), 'missing').to.deep.equal([]);
    expect(paths.filter((path) => /^(src|spec|demo)\//.test(path))).to.deep.equal([]);
  });

  describe('installed into apps', () => {
    let appsDir: string;

    before(async () => {
      appsDir = join(scratch, 'apps');
      await mkdir(appsDir);
      await installPackage(appsDir, join(scratch, 'tarball', packed.filename));
    });

    describe('a CommonJS app (require)', () => {
      let appDir: string;
      let compiled = false;

      before(async () => {
        appDir = join(appsDir, 'cjs');
        await createApp(appDir, 'cjs');
      });

      it('compiles a strict TypeScript app that imports only the package and its peers', async () => {
        const result = await compileApp(appDir);
        expect(result.stdout + result.stderr, 'tsc diagnostics').to.equal('');
        expect(result.code).to.equal(0);
        compiled = true;
      });

      describe('running over HTTP', () => {
        let child: ChildProcess | undefined;
        let base: string;
        let login: Response;
        let cookies: Map<string, string>;

        before(async function () {
          if (!compiled) this.skip();
          const started = await startApp(appDir);
          child = started.child;
          base = `http://127.0.0.1:${started.port}`;
          login = await fetch(`${base}/login`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ username: 'ada' }),
          });
          cookies = cookiesOf(login);
        });

        after(() => stopApp(child));

        it('answers GET /me without credentials with 401 and code ERR_JWT_REQUIRED', async () => {
          const response = await fetch(`${base}/me`);
          expect(response.status).to.equal(401);
          expect(((await response.json()) as { code: string }).code).to.equal('ERR_JWT_REQUIRED');
        });

        it('logs in on POST /login and sets the jwtTokenSession cookie', () => {
          expect(login.status).to.equal(200);
          expect(cookies.get('jwtTokenSession')).to.be.a('string').and.not.equal('');
        });

        it('reads the user from the token cookie', async () => {
          const response = await fetch(`${base}/me`, { headers: { Cookie: `jwtTokenSession=${cookies.get('jwtTokenSession')}` } });
          expect(response.status).to.equal(200);
          expect(await response.json()).to.deep.equal({ username: 'ada' });
        });

        it('reads the user from an Authorization: Bearer header carrying the cookie\'s token', async () => {
          const response = await fetch(`${base}/me`, { headers: { Authorization: `Bearer ${cookies.get('jwtTokenSession')}` } });
          expect(response.status).to.equal(200);
          expect(await response.json()).to.deep.equal({ username: 'ada' });
        });

        it('shows the flash set at login from the flash cookie', async () => {
          const response = await fetch(`${base}/flash`, { headers: { Cookie: `jwtFlash=${cookies.get('jwtFlash')}` } });
          expect(response.status).to.equal(200);
          expect(await response.json()).to.deep.equal(['hi']);
        });
      });
    });

    describe('an ESM app ("type": "module", import)', () => {
      let appDir: string;
      let compiled = false;

      before(async () => {
        appDir = join(appsDir, 'esm');
        await createApp(appDir, 'esm');
      });

      it('compiles a strict TypeScript ESM app against the import condition\'s declarations', async () => {
        const result = await compileApp(appDir);
        expect(result.stdout + result.stderr, 'tsc diagnostics').to.equal('');
        expect(result.code).to.equal(0);
        expect(await readFile(join(appDir, 'dist', 'main.js'), 'utf8'), 'emitted as ESM').to.match(/^import .* from 'routing-controllers-jwt-session';$/m);
        compiled = true;
      });

      describe('running over HTTP', () => {
        let child: ChildProcess | undefined;
        let base: string;

        // The app exits before printing its port when `import` and `require` load different copies.
        before(async function () {
          if (!compiled) this.skip();
          const started = await startApp(appDir);
          child = started.child;
          base = `http://127.0.0.1:${started.port}`;
        });

        after(() => stopApp(child));

        it('logs in and reads the user from the Bearer token, with one copy of the package for import and require', async () => {
          const login = await fetch(`${base}/login`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ username: 'grace' }),
          });
          expect(login.status).to.equal(200);
          const { token } = (await login.json()) as { token: string };
          const response = await fetch(`${base}/me`, { headers: { Authorization: `Bearer ${token}` } });
          expect(response.status).to.equal(200);
          expect(await response.json()).to.deep.equal({ username: 'grace', module: 'esm' });
        });
      });
    });
  });
});
