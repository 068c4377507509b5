import type { InteractionFields } from '../../src/lib/domain';

/**
 * A complete set of interaction fields that passes every rule (in Leeds, the test site, and in
 * any site with the default types). Tests override only what they are about.
 */
export function validFields(overrides: Partial<InteractionFields> = {}): InteractionFields {
  return {
    title: 'Tenancy advice drop-in',
    type: 'Meeting',
    lead: 'Ben Carter',
    startDatetime: '2026-03-02T09:30:00.000Z',
    endDatetime: '2026-03-02T10:30:00.000Z',
    timezone: 'Europe/London',
    location: 'Leeds hub, room 2',
    description: 'Went through the tenancy agreement line by line.',
    notes: 'Follow up in a fortnight.',
    ...overrides
  };
}
