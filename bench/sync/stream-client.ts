import http from 'node:http';

/** A complete server-sent event as it arrived, and when. */
export interface Frame {
  text: string;
  at: number;
}

const RESYNC = 'data: "RESYNC"';
const OPEN_TIMEOUT_MS = 10_000;

/**
 * One `GET …/stream` on its own connection, as a browser tab holds it. It splits the body into
 * events and checks each against the one condition waited for, without parsing JSON: with a
 * hundred streams in this process, a full parse per stream would delay the later streams' receipt
 * times behind the earlier ones' work.
 */
export class StreamClient {
  readonly #request: http.ClientRequest;
  #buffer = '';
  #waiter?: { match: (text: string) => boolean; resolve: (frame: Frame) => void };
  #closed = false;

  private constructor(request: http.ClientRequest) {
    this.#request = request;
  }

  /** Opens the stream and waits for the feed's first 'RESYNC': from then on it receives every change. */
  static async open(options: { url: string; path: string; token: string }): Promise<StreamClient> {
    const request = http.get(`${options.url}${options.path}`, {
      agent: false,
      headers: { accept: 'text/event-stream', authorization: `Bearer ${options.token}` }
    });
    const client = new StreamClient(request);
    const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
      request.once('response', resolve);
      request.once('error', reject);
    });
    if (response.statusCode !== 200) {
      client.close();
      throw new Error(`the stream answered ${response.statusCode}`);
    }
    request.on('error', () => {});
    response.setEncoding('utf8');
    response.on('error', () => {});
    response.on('data', (chunk: string) => client.#receive(chunk));
    response.on('close', () => {
      client.#closed = true;
    });
    if (!(await client.waitFor((text) => text.includes(RESYNC), OPEN_TIMEOUT_MS))) {
      client.close();
      throw new Error(`the stream sent no RESYNC within ${OPEN_TIMEOUT_MS / 1000} s`);
    }
    return client;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** The next event `match` accepts, or undefined after `timeoutMs`. One wait at a time. */
  waitFor(match: (text: string) => boolean, timeoutMs: number): Promise<Frame | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiter = undefined;
        resolve(undefined);
      }, timeoutMs);
      this.#waiter = {
        match,
        resolve: (frame) => {
          clearTimeout(timer);
          this.#waiter = undefined;
          resolve(frame);
        }
      };
    });
  }

  close(): void {
    this.#closed = true;
    this.#request.destroy();
  }

  #receive(chunk: string): void {
    const at = performance.now();
    this.#buffer += chunk;
    for (let end = this.#buffer.indexOf('\n\n'); end !== -1; end = this.#buffer.indexOf('\n\n')) {
      const text = this.#buffer.slice(0, end);
      this.#buffer = this.#buffer.slice(end + 2);
      if (this.#waiter?.match(text)) this.#waiter.resolve({ text, at });
    }
  }
}

/** Opens `count` streams, `parallel` at a time; closes what it opened if one fails. */
export async function openStreams(options: {
  url: string;
  path: string;
  token: string;
  count: number;
  parallel: number;
}): Promise<StreamClient[]> {
  const clients: StreamClient[] = [];
  try {
    while (clients.length < options.count) {
      const wave = Math.min(options.parallel, options.count - clients.length);
      const opened = await Promise.allSettled(Array.from({ length: wave }, () => StreamClient.open(options)));
      for (const result of opened) if (result.status === 'fulfilled') clients.push(result.value);
      const failed = opened.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
    }
    return clients;
  } catch (error) {
    for (const client of clients) client.close();
    throw error;
  }
}
