import { describe, expect, it } from 'vitest';
import { confirmationText } from '$lib/ui/save-confirmation';

describe('confirmationText', () => {
  it('says a change saved offline is on this device and syncs when online', () => {
    expect(confirmationText({ action: 'saved', title: 'Boiler visit', pending: true, phase: 'offline' })).toBe(
      'Saved “Boiler visit” on this device · will sync when online'
    );
  });

  it('says syncing while the server has not confirmed, and synced once it has', () => {
    expect(confirmationText({ action: 'saved', title: 'Boiler visit', pending: true, phase: 'syncing' })).toBe(
      'Saved “Boiler visit” on this device · syncing…'
    );
    // The sync pill may already say synced before the server's copy comes back: the record decides.
    expect(confirmationText({ action: 'saved', title: 'Boiler visit', pending: true, phase: 'synced' })).toBe(
      'Saved “Boiler visit” on this device · syncing…'
    );
    expect(confirmationText({ action: 'saved', title: 'Boiler visit', pending: false, phase: 'synced' })).toBe('Saved “Boiler visit” · synced');
  });

  it('confirms a deletion, and what it waits for', () => {
    expect(confirmationText({ action: 'deleted', title: 'Old visit', pending: true, phase: 'signed-out' })).toBe(
      'Deleted “Old visit” on this device · will sync once you sign in again'
    );
    expect(confirmationText({ action: 'deleted', title: 'Old visit', pending: false, phase: 'offline' })).toBe('Deleted “Old visit” · synced');
  });
});
