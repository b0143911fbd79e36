/** The fields of the login form, once checked. */
export interface LoginForm {
  username: string;
  password: string;
}

/** A checked form, or the reason to flash when it is unusable. */
export type LoginFormResult = { ok: true; form: LoginForm } | { ok: false; reason: string };

/** Longer inputs are refused before hashing: no demo user has a name or password this long. */
const MAX_LENGTH = 256;

/**
 * Reads `username` and `password` from a parsed urlencoded body. The body is `unknown` because the
 * client chooses its shape: a field may be missing, or repeated (which parses to an array).
 * Reasons start with "Get login info error", as gin-jwt-session's example flashes its bind errors.
 */
export function readLoginForm(body: unknown): LoginFormResult {
  const { username, password } = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  if (!isUsable(username)) return refuse('username', username);
  if (!isUsable(password)) return refuse('password', password);
  return { ok: true, form: { username, password } };
}

function isUsable(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && value.length <= MAX_LENGTH;
}

function refuse(field: string, value: unknown): LoginFormResult {
  const problem = typeof value === 'string' && value.length > MAX_LENGTH ? `is longer than ${MAX_LENGTH} characters` : 'is required';
  return { ok: false, reason: `Get login info error: ${field} ${problem}` };
}
