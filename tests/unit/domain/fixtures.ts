import type { InteractionFields } from '$lib/domain';

/** A complete, valid set of interaction fields; tests override only what they are about. */
export function validFields(overrides: Partial<InteractionFields> = {}): InteractionFields {
  return {
    title: 'Quarterly review',
    type: 'Meeting',
    lead: 'Ada Lovelace',
    startDatetime: '2026-03-01T09:30:00Z',
    endDatetime: '2026-03-01T10:30:00Z',
    timezone: 'Europe/London',
    location: 'Room 4',
    description: 'Went through the plan for spring.',
    notes: 'Follow up next week.',
    ...overrides
  };
}
