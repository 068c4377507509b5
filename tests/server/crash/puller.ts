import type { PullResponse, SyncDocument } from '../../../src/lib/domain/sync-protocol';
import type { CrashClient } from './crash-client';

export interface PullerOptions {
  client: CrashClient;
  token: string;
  siteId: string;
}

const PAGE_SIZE = 500;
// How often a caught-up puller asks again, as a client without the live stream would.
const IDLE_POLL_MS = 50;

/**
 * Replication's pull as a client runs it: page after page from its checkpoint, through crashes
 * (a lost pull is sent again with the same checkpoint). Keeps the newest version of every
 * document it received.
 */
export class Puller {
  readonly view = new Map<string, SyncDocument>();
  /** Every document received, repeats included: a pull from the start over still data repeats none. */
  received = 0;
  /** A document received in an older version than one received before it: the order is broken. */
  readonly regressions: string[] = [];
  #checkpoint: string | null = null;

  constructor(private readonly options: PullerOptions) {}

  /** Pulls until `stopping()` says so, pausing briefly whenever it has caught up. */
  async run(stopping: () => boolean): Promise<void> {
    while (!stopping()) {
      if ((await this.#pullPage()) === 0) await new Promise((resolve) => setTimeout(resolve, IDLE_POLL_MS));
    }
  }

  /** Pulls until a page comes back empty. */
  async catchUp(): Promise<void> {
    while ((await this.#pullPage()) > 0);
  }

  /** One page; how many documents it held. */
  async #pullPage(): Promise<number> {
    const { client, token, siteId } = this.options;
    const query = new URLSearchParams({ limit: String(PAGE_SIZE), ...(this.#checkpoint ? { checkpoint: this.#checkpoint } : {}) });
    const answer = await client.send<PullResponse>({ method: 'GET', path: `/api/sync/${siteId}/pull?${query}`, token });
    if (answer.status !== 200) throw new Error(`pull answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    for (const document of answer.body.documents) this.#keep(document);
    this.#checkpoint = answer.body.checkpoint;
    return answer.body.documents.length;
  }

  #keep(document: SyncDocument): void {
    this.received++;
    const earlier = this.view.get(document.id);
    if (earlier && earlier.serverSeq > document.serverSeq) {
      this.regressions.push(`${document.id}: serverSeq ${document.serverSeq} received after ${earlier.serverSeq}`);
      return;
    }
    this.view.set(document.id, document);
  }
}
