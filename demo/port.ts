/** The port when `PORT` is not set, as most Node examples use. */
export const DEFAULT_PORT = 3000;

/**
 * The port to listen on, from the `PORT` environment variable. `0` asks the system for a free
 * port (the specs use it). Anything else that is not a whole number from 0 to 65535 is refused
 * rather than guessed at, since `Number('')` and `Number('3e3')` would quietly make a port.
 */
export function readPort(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_PORT;
  if (!/^\d{1,5}$/.test(value.trim())) throw new RangeError(`PORT must be a whole number from 0 to 65535, not "${value}"`);
  const port = Number(value);
  if (port > 65535) throw new RangeError(`PORT must be a whole number from 0 to 65535, not "${value}"`);
  return port;
}
