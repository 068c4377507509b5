// Replication of every site database with the sync server (DESIGN §4). Components use only this module.
export { appSync, syncState } from './app-sync.svelte';
export type { SiteSyncStatus, SyncPhase } from './sync-status';
