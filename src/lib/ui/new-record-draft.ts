import type { KeyValueStorage } from '$lib/key-value-storage';
import { draftKey, draftKeysOf, draftSiteOf } from '$lib/unsaved-work';
import { FORM_FIELDS, type InteractionFormValues } from './interaction-form';

/** What the new-record form held, for the site it was meant for. */
export interface NewRecordDraft {
  /** Empty while the person has not chosen among several sites. */
  siteId: string;
  values: InteractionFormValues;
}

export interface NewRecordDrafts {
  /** The person's draft, unless it was meant for a site outside `siteIds` (those they may create in now). */
  read(siteIds: readonly string[]): NewRecordDraft | undefined;
  /** Written at every edit: synchronous, so a tab closed a moment later still leaves it. */
  write(draft: NewRecordDraft): void;
  clear(): void;
}

/**
 * The new-record form's draft, one per person on this device: a new record exists nowhere else
 * until it is saved, and a closed or crashed tab cannot be asked to keep it. Keyed by the person
 * and the site, so one person's draft is never offered to another who signs in on the same
 * device, and a site's removal from the device takes its drafts with it.
 */
export function newRecordDrafts(storage: KeyValueStorage | undefined, userId: string): NewRecordDrafts {
  const keys = () => (storage ? draftKeysOf(storage, userId) : []);
  return {
    read(siteIds) {
      for (const key of keys()) {
        const siteId = draftSiteOf(key);
        const values = parseValues(storage?.getItem(key) ?? null);
        if (values && (siteId === '' || siteIds.includes(siteId))) return { siteId, values };
      }
      return undefined;
    },
    write(draft) {
      const key = draftKey({ siteId: draft.siteId, userId });
      try {
        storage?.setItem(key, JSON.stringify(draft.values));
      } catch {
        // A full or disabled storage costs only the draft; the form and its save work as before.
        return;
      }
      // Written first: a tab closed between the two leaves two drafts, never none.
      for (const other of keys()) if (other !== key) storage?.removeItem(other);
    },
    clear() {
      for (const key of keys()) storage?.removeItem(key);
    }
  };
}

// An older app version or a hand edit may have left anything here; such a draft reads as none.
function parseValues(text: string | null): InteractionFormValues | undefined {
  if (text === null) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const values = {} as InteractionFormValues;
    for (const field of FORM_FIELDS) {
      const value = (parsed as Record<string, unknown>)[field];
      if (typeof value !== 'string') return undefined;
      values[field] = value;
    }
    return values;
  } catch {
    return undefined;
  }
}
