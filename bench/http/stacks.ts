import { KEY_OBJECT_FLAG } from './servers/jwt-secret';
import { REDIS_FLAG } from './servers/redis-flag';

/** How a stack figures in the report. */
export type StackRole = 'reference' | 'ours' | 'ours-uncached' | 'alternative' | 'ceiling';

/** One server to load: the same route on one way of getting sessions + flash + JWT. */
export interface Stack {
  readonly id: string;
  readonly label: string;
  readonly role: StackRole;
  readonly script: string;
  readonly args: readonly string[];
  /** Whether the server has a `/setup` route handing out its own session cookie and token. */
  readonly setup: boolean;
  /** Send a new session cookie and token with every request instead of the same ones. */
  readonly fresh?: boolean;
}

const SERVERS = 'bench/http/servers';

/** The id every ratio divides by: a routing-controllers action with no sessions and no JWT. */
export const REFERENCE = 'bare-routing-controllers';
/** The id of this library's stack. */
export const OURS = 'ours';
/** The id of the reference with routing-controllers' own cost of three parameter decorators and an interceptor. */
export const DECORATED = 'decorated-routing-controllers';

function alternatives(keyObject: boolean): Stack[] {
  const suffix = keyObject ? ' [KeyObject secret]' : '';
  const args = keyObject ? [KEY_OBJECT_FLAG] : [];
  const id = (name: string) => (keyObject ? `${name}-keyobject` : name);
  return [
    { id: id('cookie-session'), label: `express + cookie-session + connect-flash + express-jwt${suffix}`, script: 'cookie-session.ts' },
    { id: id('express-session'), label: `express + express-session (MemoryStore) + connect-flash + express-jwt${suffix}`, script: 'express-session.ts' },
    { id: id('iron-session'), label: `express + iron-session + jsonwebtoken${suffix}`, script: 'iron-session.ts' },
  ].map((stack) => ({ ...stack, role: 'alternative', script: `${SERVERS}/${stack.script}`, args, setup: true }));
}

/** This library on the Redis store, when a redis-server is named by REDIS_PORT (as .ci/run does). */
function redisStacks(): Stack[] {
  const port = Number(process.env.REDIS_PORT);
  if (!Number.isInteger(port) || port <= 0) return [];
  return [
    {
      id: 'ours-redis',
      label: 'the same on the Redis store (one round trip to Redis per request)',
      role: 'ours-uncached',
      script: `${SERVERS}/ours.ts`,
      args: [`${REDIS_FLAG}${port}`],
      setup: true,
    },
  ];
}

/** Every stack, in report order. */
export const STACKS: readonly Stack[] = [
  { id: 'bare-express', label: 'bare express route (no sessions, no JWT)', role: 'ceiling', script: `${SERVERS}/bare-express.ts`, args: [], setup: false },
  { id: REFERENCE, label: 'bare routing-controllers action (no sessions, no JWT)', role: 'reference', script: `${SERVERS}/bare-routing-controllers.ts`, args: [], setup: false },
  {
    id: DECORATED,
    label: 'the same action with three constant parameter decorators and an interceptor (no sessions, no JWT)',
    role: 'ceiling',
    script: `${SERVERS}/decorated-routing-controllers.ts`,
    args: [],
    setup: false,
  },
  { id: OURS, label: 'routing-controllers + this library (@Session, @Flash, @JwtUser)', role: 'ours', script: `${SERVERS}/ours.ts`, args: [], setup: true },
  {
    id: 'ours-fresh',
    label: 'the same, with a new session cookie and token on every request',
    role: 'ours-uncached',
    script: `${SERVERS}/ours.ts`,
    args: [],
    setup: false,
    fresh: true,
  },
  ...redisStacks(),
  ...alternatives(false),
  ...alternatives(true),
];
