import { LEEDS } from '../../../sync-server/demo/demo-directory';

/** A valid body for `POST /api/interactions`: a Leeds meeting led by Ben; tests override what they are about. */
export function leedsMeetingBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    siteId: LEEDS.id,
    title: 'Meeting',
    type: 'Meeting',
    lead: 'Ben Carter',
    startDatetime: '2026-05-04T09:00:00Z',
    endDatetime: '2026-05-04T10:00:00Z',
    timezone: 'Europe/London',
    location: null,
    description: 'Nothing of note.',
    notes: null,
    ...overrides
  };
}
