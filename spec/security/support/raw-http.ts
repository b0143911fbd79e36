import { connect } from 'node:net';

/** What came back on a raw connection: the status (undefined when none did), head and body. */
export interface RawResponse {
  readonly status: number | undefined;
  /** The status line and headers, as sent. */
  readonly head: string;
  readonly body: string;
  /** The socket error seen while writing or reading (EPIPE, ECONNRESET), if any. */
  readonly socketError: string | undefined;
}

/**
 * Sends a request written by hand on a fresh connection and reads until the server closes it.
 * For what an HTTP client library will not send: repeated headers, raw bytes, headers of megabytes.
 * `headers` are sent in order, each as given; `Host` and `Connection: close` come first.
 */
export function rawRequest(url: string, path: string, headers: readonly (readonly [string, string])[], method = 'GET'): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  const lines = [`${method} ${path} HTTP/1.1`, `Host: ${hostname}:${port}`, 'Connection: close', ...headers.map(([name, value]) => `${name}: ${value}`)];
  const request = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let socketError: string | undefined;
    const socket = connect({ host: hostname, port: Number(port) }, () => socket.write(request));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => (socketError ??= error.code ?? error.message));
    socket.setTimeout(10_000, () => socket.destroy(new Error('timed out')));
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      const head = end < 0 ? text : text.slice(0, end);
      const status = /^HTTP\/1\.1 (\d{3}) /.exec(head)?.[1];
      resolve({ status: status === undefined ? undefined : Number(status), head, body: end < 0 ? '' : text.slice(end + 4), socketError });
    });
  });
}
