import { isDeepStrictEqual } from 'node:util';
import { EXPECTED_BODY } from '../fixtures';

/** The request headers a stack's load carries: its session cookie and a Bearer token. */
export type Credentials = Readonly<Record<string, string>>;

/** Calls the stack's `/setup` once: the cookies it sets and the token it returns become the load's headers. */
export async function fetchCredentials(url: string): Promise<Credentials> {
  const response = await fetch(`${url}/setup`, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`${url}/setup answered ${response.status}`);
  const { token } = (await response.json()) as { token: string };
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    // A cookie being deleted has an empty value; base64 values may well end with '=', so test the value.
    .filter((pair) => pair.slice(pair.indexOf('=') + 1) !== '')
    .join('; ');
  return { cookie, authorization: `Bearer ${token}` };
}

/**
 * Fails unless `/work` answers the expected body with these credentials: a stack whose session
 * or token check silently failed would otherwise look fast.
 */
export async function checkWork(url: string, credentials: Credentials): Promise<void> {
  const response = await fetch(`${url}/work`, { headers: credentials, signal: AbortSignal.timeout(10_000) });
  const body: unknown = await response.json().catch(() => undefined);
  if (response.status !== 200 || !isDeepStrictEqual(body, EXPECTED_BODY)) {
    throw new Error(`${url}/work answered ${response.status} ${JSON.stringify(body)}, expected ${JSON.stringify(EXPECTED_BODY)}`);
  }
}
