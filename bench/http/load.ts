import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

/**
 * One load run: for `seconds` (autocannon rounds a duration up to whole seconds), or for `amount`
 * requests, stopped early when `seconds` runs out.
 */
export interface LoadOptions {
  readonly url: string;
  readonly path: string;
  readonly connections: number;
  readonly seconds: number;
  readonly amount?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Headers made afresh for every request (e.g. a distinct session each time). */
  readonly headersPerRequest?: () => Record<string, string>;
}

export interface LoadResult {
  readonly requests: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly p99Ms: number;
  /** Anything other than a 2xx answer, or a connection error or timeout: each one fails the run. */
  readonly failures: number;
}

/** Drives the server with autocannon (in this process; the server runs in its own). Always ends. */
export function load(options: LoadOptions): Promise<LoadResult> {
  const perRequest = options.headersPerRequest;
  const setupRequest = perRequest && ((request: autocannon.Request) => ({ ...request, headers: { ...request.headers, ...perRequest() } }));
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let lastResponse = started;
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        ...(options.amount === undefined ? { duration: options.seconds } : { amount: options.amount }),
        headers: { ...options.headers },
        requests: [{ method: 'GET', path: options.path, ...(setupRequest && { setupRequest }) }],
        timeout: 10,
      },
      (error, result) => {
        clearTimeout(cap);
        if (error !== null && error !== undefined) return reject(error);
        // autocannon ends a run on its 1-second tick: its own duration overstates a run that
        // finished its `amount` early, so time to the last response instead.
        const seconds = (lastResponse - started) / 1000;
        resolve({
          requests: result.requests.total,
          seconds,
          requestsPerSecond: result.requests.total / seconds,
          p99Ms: result.latency.p99,
          failures: result.non2xx + result.errors + result.timeouts,
        });
      },
    );
    instance.on('response', () => {
      lastResponse = performance.now();
    });
    // Ends an amount-bound run on time, even against a server that stopped answering.
    const cap = setTimeout(() => instance.stop(), options.seconds * 1000 + (options.amount === undefined ? 5_000 : 0));
  });
}
