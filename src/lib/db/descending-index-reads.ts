import {
  getQueryMatcher,
  getQueryPlan,
  type DexieStorageInternals,
  type FilledMangoQuery,
  type PreparedQuery,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageQueryResult
} from 'rxdb';
import {
  DEXIE_DOCS_TABLE_NAME,
  dexieReplaceIfStartsWithPipe,
  fromDexieToStorage,
  getKeyRangeByQueryPlan
} from 'rxdb/plugins/storage-dexie';

/**
 * RxDB's Dexie storage walks an index forwards only: a query sorted descending reads every
 * matching row and sorts them in JavaScript, which at 100k rows is seconds. The common way round,
 * a second index on an inverted key for each descending sort, doubles what every write stores
 * (an initial sync writes each index entry of every record). This storage instead answers a
 * descending query whose ascending twin is sorted by its index by walking that same index
 * backwards, stopping after the page, exactly as the ascending query would walk it forwards.
 * Every other query, and every storage that is not Dexie's, is left to RxDB as it is. The rows are
 * read as Dexie stores them, so no wrapper that transforms documents (compression, encryption) may
 * sit between this and Dexie; RxDB's validation wrapper, which only checks writes, may.
 */
export function withDescendingIndexReads<Internals, Options>(storage: RxStorage<Internals, Options>): RxStorage<Internals, Options> {
  return {
    name: storage.name,
    rxdbVersion: storage.rxdbVersion,
    async createStorageInstance(params) {
      const instance = await storage.createStorageInstance(params);
      const readForwards = instance.query.bind(instance);
      instance.query = async (preparedQuery) => {
        const dexie = walksIndexBackwards(instance.schema, preparedQuery) && (await dexieState(instance));
        return dexie ? readBackwards(dexie, instance.schema, preparedQuery) : readForwards(preparedQuery);
      };
      return instance;
    }
  };
}

type DexieState = Awaited<DexieStorageInternals>;

/** The Dexie database behind an instance (also through RxDB's wrappers, which pass `internals` on). */
async function dexieState(instance: { internals: unknown }): Promise<DexieState | null> {
  const state = (await instance.internals) as Partial<DexieState> | undefined;
  return state?.dexieDb && state.dexieTable && state.booleanIndexes ? (state as DexieState) : null;
}

/** Whether the rows of a query come straight from its index, in either direction, without a sort. */
export function readsInIndexOrder<T>(schema: RxJsonSchema<RxDocumentData<T>>, preparedQuery: PreparedQuery<T>): boolean {
  return preparedQuery.queryPlan.sortSatisfiedByIndex || walksIndexBackwards(schema, preparedQuery);
}

/** Whether a query is descending on every part, and its ascending twin would be in index order. */
function walksIndexBackwards<T>(schema: RxJsonSchema<RxDocumentData<T>>, preparedQuery: PreparedQuery<T>): boolean {
  const { query } = preparedQuery;
  if (query.sort.length === 0) return false;
  if (!query.sort.every((part) => Object.values(part)[0] === 'desc')) return false;
  const ascending: FilledMangoQuery<T> = {
    ...query,
    sort: query.sort.map((part) => ({ [Object.keys(part)[0]]: 'asc' })) as FilledMangoQuery<T>['sort']
  };
  const plan = getQueryPlan(schema, ascending);
  return plan.sortSatisfiedByIndex && plan.index.join() === preparedQuery.queryPlan.index.join();
}

/** The query's rows from the far end of its index: RxDB's forward read, run with a `prev` cursor. */
async function readBackwards<T>(
  state: DexieState,
  schema: RxJsonSchema<RxDocumentData<T>>,
  preparedQuery: PreparedQuery<T>
): Promise<RxStorageQueryResult<T>> {
  const { query, queryPlan } = preparedQuery;
  const skip = query.skip ?? 0;
  const wanted = skip + (query.limit ?? Infinity);
  const matches = queryPlan.selectorSatisfiedByIndex ? null : getQueryMatcher(schema, query as never);
  let keyRange: IDBKeyRange;
  try {
    keyRange = getKeyRangeByQueryPlan(state.booleanIndexes, queryPlan, state.dexieDb._options.IDBKeyRange);
  } catch (error) {
    // As RxDB does: bounds the other way round select nothing.
    if ((error as Error).name === 'DataError') return { documents: [] };
    throw error;
  }
  const indexName = `[${queryPlan.index.map(dexieReplaceIfStartsWithPipe).join('+')}]`;
  const rows: RxDocumentData<T>[] = [];
  await state.dexieDb.transaction('r', state.dexieTable, (transaction) => {
    const request = transaction.idbtrans.objectStore(DEXIE_DOCS_TABLE_NAME).index(indexName).openCursor(keyRange, 'prev');
    return new Promise<void>((resolve, reject) => {
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        const cursor = request.result;
        if (!cursor) return resolve();
        const document = fromDexieToStorage(state.booleanIndexes, cursor.value) as RxDocumentData<T>;
        if (!matches || matches(document as never)) rows.push(document);
        if (rows.length === wanted) resolve();
        else cursor.continue();
      };
    });
  });
  return { documents: rows.slice(skip) };
}
