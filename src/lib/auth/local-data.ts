import type { LocalDataHooks } from './types';

// Until the local database registers itself there is no local data, so nothing is pending or to wipe.
const NO_LOCAL_DATA: LocalDataHooks = {
  countUnsynced: async () => 0,
  wipeLocalData: async () => undefined
};

let hooks = NO_LOCAL_DATA;

/**
 * Called once by the local database module (or whoever opens it) so sign-out can count and remove
 * its data without `$lib/auth` importing `$lib/db`.
 */
export function registerLocalData(localData: LocalDataHooks): void {
  hooks = localData;
}

export function localDataHooks(): LocalDataHooks {
  return hooks;
}
