import { load } from '../http/load';
import { ServerProcess } from '../http/server-process';
import { OURS, STACKS } from '../http/stacks';
import { visitorForge } from '../session-forge';

export interface MemorySettings {
  /** Requests measured, each with a distinct session and token. */
  readonly requests: number;
  /** Requests before the baseline, so lazy start-up allocations are not counted as growth. */
  readonly warmupRequests: number;
  /** The measured requests are sent in this many parts, with a reading after each. */
  readonly checkpoints: number;
  readonly connections: number;
  /** Upper bound on the whole check. */
  readonly maxSeconds: number;
}

/** Heap and RSS after a full GC, after `requests` requests. */
export interface MemoryReading {
  readonly requests: number;
  readonly heapUsed: number;
  readonly rss: number;
}

export interface MemoryResult {
  readonly readings: readonly MemoryReading[];
  /** The last reading ÷ the baseline, minus 1: what stays after all the requests. */
  readonly heapGrowth: number;
  readonly rssGrowth: number;
  /** The largest reading ÷ the baseline, minus 1: RSS swings while the allocator keeps freed pages. */
  readonly heapPeakGrowth: number;
  readonly rssPeakGrowth: number;
  readonly requestsPerSecond: number;
  /** `SessionManager.activeRequests` once the load is over. */
  readonly activeRequests: number;
  /** Sampled request objects and session handles, and how many of them survived a full GC. */
  readonly probed: number;
  readonly survivors: number;
}

/**
 * Sends requests with distinct sessions and tokens to a fresh server of this library (run with
 * --expose-gc), each one changing its session, and reads the heap and RSS after a full GC at a
 * baseline and at every checkpoint. Per-request state must not outlive its request.
 */
export async function runMemory(settings: MemorySettings, log: (line: string) => void): Promise<MemoryResult> {
  const stack = STACKS.find((candidate) => candidate.id === OURS);
  if (stack === undefined) throw new Error('no stack for this library');
  const child = new ServerProcess(stack.script, stack.args, true);
  try {
    const url = await child.url();
    const deadline = Date.now() + settings.maxSeconds * 1000;
    const forge = visitorForge((visitor) => `user-${visitor}`);
    const send = async (amount: number) => {
      const seconds = Math.max(1, (deadline - Date.now()) / 1000);
      const result = await load({ url, path: '/visit', connections: settings.connections, seconds, amount, headersPerRequest: forge });
      if (result.failures > 0) throw new Error(`${url}/visit: ${result.failures} failed requests`);
      if (result.requests < amount) throw new Error(`memory check: only ${result.requests} of ${amount} requests within ${settings.maxSeconds} s`);
      return result;
    };
    await send(settings.warmupRequests);
    const baseline = await child.usage(true);
    const readings: MemoryReading[] = [{ requests: 0, heapUsed: baseline.heapUsed, rss: baseline.rss }];
    const part = Math.ceil(settings.requests / settings.checkpoints);
    let sent = 0;
    let busySeconds = 0;
    while (sent < settings.requests) {
      const result = await send(Math.min(part, settings.requests - sent));
      sent += result.requests;
      busySeconds += result.seconds;
      const usage = await child.usage(true);
      readings.push({ requests: sent, heapUsed: usage.heapUsed, rss: usage.rss });
      log(`memory: ${sent} requests, heap ${mib(usage.heapUsed)} MiB, rss ${mib(usage.rss)} MiB`);
    }
    const final = await child.usage(true);
    return {
      readings,
      heapGrowth: final.heapUsed / baseline.heapUsed - 1,
      rssGrowth: final.rss / baseline.rss - 1,
      heapPeakGrowth: Math.max(...readings.map((reading) => reading.heapUsed)) / baseline.heapUsed - 1,
      rssPeakGrowth: Math.max(...readings.map((reading) => reading.rss)) / baseline.rss - 1,
      requestsPerSecond: sent / busySeconds,
      activeRequests: final.extra.activeRequests ?? Number.NaN,
      probed: final.extra.probed ?? 0,
      survivors: final.extra.survivors ?? Number.NaN,
    };
  } finally {
    await child.stop();
  }
}

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}
