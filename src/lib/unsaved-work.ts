import { browserStorage, keysStartingWith, type KeyValueStorage } from '$lib/key-value-storage';

// Where this device keeps work not yet in its local database, in localStorage because writes
// there are synchronous and survive a tab closed a moment later. Kept apart from the journal and
// the draft themselves, so sign-out can remove both without loading Yjs or the form's rules.
const JOURNAL_PREFIX = 'ims-unsaved:';
const DRAFT_PREFIX = 'ims-new-draft:';

/** Every edit-journal key of the site starts with this. */
export function siteJournalPrefix(siteId: string): string {
  return `${JOURNAL_PREFIX}${siteId}:`;
}

/** Every edit-journal key of the record starts with this; the writer's id follows. */
export function recordJournalPrefix(options: { siteId: string; interactionId: string }): string {
  return `${siteJournalPrefix(options.siteId)}${options.interactionId}:`;
}

/** The key of a person's new-record draft for a site (empty: no site chosen yet). */
export function draftKey(options: { siteId: string; userId: string }): string {
  return `${DRAFT_PREFIX}${options.siteId}:${options.userId}`;
}

/** The person's draft keys, whatever site each was meant for. */
export function draftKeysOf(storage: KeyValueStorage, userId: string): string[] {
  return keysStartingWith(storage, DRAFT_PREFIX).filter((key) => key.endsWith(`:${userId}`));
}

/** The site a draft key names. */
export function draftSiteOf(key: string): string {
  return key.slice(DRAFT_PREFIX.length).split(':')[0] ?? '';
}

export interface ForgetUnsavedWorkOptions {
  /** The sites whose local data is being removed. */
  siteIds: readonly string[];
  /** Given on sign-out: their draft for no site in particular goes too. */
  userId?: string;
}

/**
 * Removes the unsaved edits and new-record drafts kept for these sites, wherever their local
 * database is removed (sign-out with removal, a site purged after lost access), so nothing of a
 * removed site comes back the next time a record or the form opens.
 */
export function forgetUnsavedWork(options: ForgetUnsavedWorkOptions, storage = browserStorage()): void {
  if (!storage) return;
  for (const siteId of options.siteIds) {
    for (const prefix of [siteJournalPrefix(siteId), `${DRAFT_PREFIX}${siteId}:`]) {
      for (const key of keysStartingWith(storage, prefix)) storage.removeItem(key);
    }
  }
  if (options.userId !== undefined) storage.removeItem(draftKey({ siteId: '', userId: options.userId }));
}
