import type { DBCoreMutateRequest, DBCoreMutateResponse, DBCorePutRequest, DBCoreTable } from 'dexie';
import { tableMiddleware } from './dexie-middleware';

/**
 * Dexie places all the puts of a write in one synchronous loop, and each put copies its record
 * (IndexedDB's structured clone) on the page's main thread. RxDB merges every pulled batch that
 * arrives while the last is being stored into one write, so during an initial sync a write can
 * hold thousands of records: in Chromium one such loop blocked the page for 400–570 ms, and a
 * click then waited that long.
 *
 * This middleware places a large put in chunks of PUT_CHUNK, in the same transaction, so the page
 * runs other work between them. A transaction takes new requests only from its own callbacks, so
 * each chunk is placed from the success of the chunk before's first put: that success comes once
 * IndexedDB has written everything placed before it, while the rest of that chunk still waits to
 * be written, so IndexedDB always has work while the page copies the next chunk.
 */

/** Records per chunk: cloning this many of ours takes some tens of milliseconds. */
export const PUT_CHUNK = 200;

export const chunkedPuts = tableMiddleware('chunked-puts', () => (table) => ({
  mutate: (request) => (isLargePlainPut(request) ? putInChunks(table, request) : table.mutate(request))
}));

/** A put of many records and nothing else: no criteria or changes that Dexie applies as a whole. */
function isLargePlainPut(request: DBCoreMutateRequest): request is DBCorePutRequest {
  return (
    request.type === 'put' &&
    request.values.length > PUT_CHUNK &&
    request.criteria === undefined &&
    request.changeSpec === undefined &&
    request.updates === undefined
  );
}

interface PlacedPart {
  start: number;
  response: Promise<DBCoreMutateResponse>;
}

function putInChunks(table: DBCoreTable, request: DBCorePutRequest): Promise<DBCoreMutateResponse> {
  const { values, keys } = request;
  const part = (start: number, end: number): PlacedPart => {
    const response = table.mutate({ ...request, values: values.slice(start, end), keys: keys?.slice(start, end) });
    // Its failure is reported once every part is in, not as unhandled meanwhile.
    response.catch(() => {});
    return { start, response };
  };
  return new Promise((resolve, reject) => {
    const placed: PlacedPart[] = [];
    const placeChunk = (start: number) => {
      const end = Math.min(start + PUT_CHUNK, values.length);
      const lead = part(start, start + 1);
      placed.push(lead, part(start + 1, end));
      const next =
        end < values.length
          ? lead.response.then(() => placeChunk(end))
          : Promise.all(placed.map((p) => p.response)).then((responses) => resolve(combine(placed, responses)));
      next.catch(reject);
    };
    placeChunk(0);
  });
}

/** The parts' responses as one, with failures numbered across the whole request. */
function combine(parts: PlacedPart[], responses: DBCoreMutateResponse[]): DBCoreMutateResponse {
  const failures: Record<number, Error> = {};
  const results: unknown[] = [];
  let numFailures = 0;
  responses.forEach((response, index) => {
    numFailures += response.numFailures;
    for (const [at, error] of Object.entries(response.failures)) failures[parts[index].start + Number(at)] = error;
    results.push(...(response.results ?? []));
  });
  return { numFailures, failures, results, lastResult: responses.at(-1)?.lastResult };
}
