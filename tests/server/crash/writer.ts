import { uuidv7, type InteractionFields } from '../../../src/lib/domain';
import { isInteractionDeleted } from '../../../src/lib/domain/crdt';
import type { PushResponse } from '../../../src/lib/domain/sync-protocol';
import { LEEDS } from '../../../sync-server/demo/demo-directory';
import type { Random } from '../collab/fuzz-random';
import { Replica } from '../sync/replica';
import type { Answer, CrashClient } from './crash-client';
import { validFields } from '../../support/valid-fields';

/** A record written through the REST API, as the writer's acknowledged writes say it must be stored. */
export interface RestRecord {
  id: string;
  fields: InteractionFields;
  deleted: boolean;
}

/** What one writer had acknowledged, by kind, and how often an answer came only after a lost attempt. */
export interface WriterTally {
  creates: number;
  edits: number;
  deletes: number;
  pushBatches: number;
  pushedDocuments: number;
  /** Answers that came after at least one lost attempt of the same request. */
  retried: number;
  /** Resent creates answered 200: the lost attempt had stored the record. */
  createsFoundOnRetry: number;
}

export interface WriterOptions {
  name: string;
  token: string;
  client: CrashClient;
  random: Random;
}

type Patch = Partial<InteractionFields>;

const TYPES = ['Meeting', 'Call'];
const LARGEST_PUSH_BATCH = 4;

/**
 * One of several concurrent writers. Each owns its records, and sends one request at a time, each
 * resent unchanged until acknowledged: so whatever the crashes, its records must end exactly as
 * its own sequence of writes leaves them (every write here is idempotent, a push being a merge).
 */
export class Writer {
  readonly restRecords = new Map<string, RestRecord>();
  readonly replicas: Replica[] = [];
  readonly tally: WriterTally = { creates: 0, edits: 0, deletes: 0, pushBatches: 0, pushedDocuments: 0, retried: 0, createsFoundOnRetry: 0 };
  #step = 0;

  constructor(private readonly options: WriterOptions) {}

  /** Every write acknowledged so far, for the test to wait for progress between crashes. */
  get acknowledged(): number {
    const { creates, edits, deletes, pushedDocuments } = this.tally;
    return creates + edits + deletes + pushedDocuments;
  }

  /** Writes until `stopping()` says so; the write in progress is finished (acknowledged) first. */
  async run(stopping: () => boolean): Promise<void> {
    while (!stopping()) await this.#writeOnce();
  }

  async #writeOnce(): Promise<void> {
    this.#step++;
    const { random } = this.options;
    const live = [...this.restRecords.values()].filter((record) => !record.deleted);
    const choice = random.next();
    if (choice < 0.3 || live.length === 0) await this.#create();
    else if (choice < 0.55) await this.#edit(random.pick(live));
    else if (choice < 0.65) await this.#delete(random.pick(live));
    else await this.#push();
  }

  async #create(): Promise<void> {
    const id = uuidv7();
    const fields = validFields({ title: this.#text('record'), description: this.#text('first description') });
    const answer = await this.#send({ method: 'POST', path: '/api/interactions', body: { siteId: LEEDS.id, id, ...fields } });
    // Creates are idempotent: a resent create whose lost attempt was stored answers 200, never 409.
    const storedByLostAttempt = answer.retried && answer.status === 200;
    if (answer.status !== 201 && !storedByLostAttempt) throw unexpected('create', answer);
    if (storedByLostAttempt) this.tally.createsFoundOnRetry++;
    this.restRecords.set(id, { id, fields, deleted: false });
    this.tally.creates++;
  }

  async #edit(record: RestRecord): Promise<void> {
    const patch = this.#patch();
    const answer = await this.#send({ method: 'PATCH', path: `/api/interactions/${record.id}`, body: patch });
    if (answer.status !== 200) throw unexpected(`edit of ${record.id}`, answer);
    Object.assign(record.fields, patch);
    this.tally.edits++;
  }

  async #delete(record: RestRecord): Promise<void> {
    const answer = await this.#send({ method: 'DELETE', path: `/api/interactions/${record.id}` });
    if (answer.status !== 204) throw unexpected(`delete of ${record.id}`, answer);
    record.deleted = true;
    this.tally.deletes++;
  }

  /** A replication push of a few documents: new ones, edited ones, now and then a deleted one. */
  async #push(): Promise<void> {
    const { random } = this.options;
    const batch: Replica[] = [];
    const candidates = this.replicas.filter((replica) => !isInteractionDeleted(replica.doc));
    for (let size = 1 + random.int(LARGEST_PUSH_BATCH); batch.length < size; ) {
      const choice = random.next();
      if (choice < 0.4 || candidates.length === 0) {
        const replica = Replica.create({ title: this.#text('pushed record'), description: this.#text('pushed description') });
        this.replicas.push(replica);
        batch.push(replica);
        continue;
      }
      const replica = candidates.splice(random.int(candidates.length), 1)[0];
      if (choice < 0.9) replica.edit(this.#patch());
      else replica.delete();
      batch.push(replica);
    }
    const rows = batch.map((replica) => replica.row());
    const answer = await this.#send<PushResponse>({ method: 'POST', path: `/api/sync/${LEEDS.id}/push`, body: rows });
    if (answer.status !== 200 || answer.body.refused.length > 0) throw unexpected('push', answer);
    // Only the server version is adopted, not its state: the replica stays the independent
    // record of what was written, which the stored record must equal at the end.
    for (const conflict of answer.body.conflicts) {
      const replica = batch.find((candidate) => candidate.id === conflict.id);
      if (replica) replica.master = conflict;
    }
    this.tally.pushBatches++;
    this.tally.pushedDocuments += batch.length;
  }

  /** One to three fields changed, each to a value no other write uses. */
  #patch(): Patch {
    const { random } = this.options;
    const edits: (() => Patch)[] = [
      () => ({ title: this.#text('title') }),
      () => ({ lead: this.#text('lead') }),
      () => ({ type: random.pick(TYPES) }),
      () => ({ location: random.next() < 0.2 ? null : this.#text('location') }),
      () => ({ description: this.#text('description') }),
      () => ({ notes: random.next() < 0.2 ? null : this.#text('notes') })
    ];
    const patch: Patch = {};
    for (let count = 1 + random.int(3); count > 0; count--) Object.assign(patch, random.pick(edits)());
    return patch;
  }

  #text(what: string): string {
    return `${this.options.name} ${what} ${this.#step}`;
  }

  async #send<Body>(request: { method: 'POST' | 'PATCH' | 'DELETE'; path: string; body?: unknown }): Promise<Answer<Body>> {
    const answer = await this.options.client.send<Body>({ ...request, token: this.options.token });
    if (answer.retried) this.tally.retried++;
    return answer;
  }
}

function unexpected(what: string, answer: Answer): Error {
  return new Error(`${what} answered ${answer.status}${answer.retried ? ' (after a lost attempt)' : ''}: ${JSON.stringify(answer.body)}`);
}
