import http from 'node:http';

/**
 * One keep-alive connection per concurrent caller, as a replicating client holds one: node:http
 * rather than fetch, whose pool and stream machinery would cost the load generator more CPU than
 * the server on two cores.
 */
export class BenchClient {
  readonly #agent: http.Agent;
  readonly #base: URL;
  readonly #authorization: string;

  /** `sockets`: the most connections open at once, one per concurrent caller. */
  constructor(options: { url: string; token: string; sockets: number }) {
    const { url: baseUrl, token } = options;
    this.#agent = new http.Agent({ keepAlive: true, maxSockets: options.sockets });
    this.#base = new URL(baseUrl);
    this.#authorization = `Bearer ${token}`;
  }

  /** The body as text; a status other than 200 is thrown with the start of the body. */
  request(method: 'GET' | 'POST', path: string, body?: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = { authorization: this.#authorization };
      if (body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(body);
      }
      const request = http.request(
        { host: this.#base.hostname, port: this.#base.port, path, method, headers, agent: this.#agent },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (response.statusCode === 200) resolve(text);
            else reject(new Error(`${method} ${path} answered ${response.statusCode}: ${text.slice(0, 300)}`));
          });
        }
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  close(): void {
    this.#agent.destroy();
  }
}

/** A token of the dev issuer for `email`. */
export async function requestToken(baseUrl: string, email: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email })
  });
  if (!response.ok) throw new Error(`no token for ${email}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}
