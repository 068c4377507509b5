import http from 'node:http';
import net from 'node:net';

export interface ExactAnswer {
  status: number;
  body: Buffer;
}

// Every answer here is local and small; a request still open after this has hung, which is a finding.
const ANSWER_TIMEOUT_MS = 10_000;

/**
 * A GET of the path exactly as written, over a real connection: Node's client sends the path
 * without normalising it, unlike a URL parser, which would resolve `..` before the server saw it.
 */
export function getExact(baseUrl: string, path: string): Promise<ExactAnswer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname, port, path, method: 'GET', agent: false, headers: { accept: 'text/html,*/*' } });
    request.setTimeout(ANSWER_TIMEOUT_MS, () => request.destroy(new Error(`no answer to GET ${path}`)));
    request.on('error', reject);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.end();
  });
}

/**
 * Sends a request line the client refuses to build (a raw NUL byte in the path) straight down a
 * socket, and reads the status code of whatever comes back.
 */
export function statusOfRawRequestLine(baseUrl: string, target: Buffer): Promise<number> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    const chunks: Buffer[] = [];
    socket.setTimeout(ANSWER_TIMEOUT_MS, () => socket.destroy(new Error('no answer to a raw request line')));
    socket.on('error', reject);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('close', () => {
      const statusLine = /^HTTP\/1\.[01] (\d{3})/.exec(Buffer.concat(chunks).toString('latin1'));
      if (statusLine) resolve(Number(statusLine[1]));
      else reject(new Error('the server closed the connection without an HTTP answer'));
    });
    const rest = ' HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n';
    socket.write(Buffer.concat([Buffer.from('GET '), target, Buffer.from(rest)]));
  });
}
