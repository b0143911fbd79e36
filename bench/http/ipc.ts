/** Messages between the orchestrator and a server child process (over the `fork` IPC channel). */

/** Parent to child: report usage (after a full GC when `gc`, which needs `--expose-gc`), or stop. */
export type ToServer = { readonly type: 'usage'; readonly gc: boolean } | { readonly type: 'stop' };

/** Child to parent: listening on `port`, or the usage asked for. */
export type FromServer = { readonly type: 'ready'; readonly port: number } | ({ readonly type: 'usage' } & ServerUsage);

/** What a server process reports about itself. */
export interface ServerUsage {
  /** `process.cpuUsage()`: user and system CPU of the whole process (all threads), in µs. */
  readonly cpu: NodeJS.CpuUsage;
  readonly heapUsed: number;
  readonly rss: number;
  /** Counters only some stacks have, e.g. the library's active requests. */
  readonly extra: Readonly<Record<string, number>>;
}
