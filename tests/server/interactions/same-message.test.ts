import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateInteractionFields, type FieldError } from '../../../src/lib/domain';
import { LEEDS } from '../../../sync-server/demo/demo-directory';
import { openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { testDatabases } from '../helpers/test-databases';
import { validFields } from '../../support/valid-fields';
import { push, Replica } from '../sync/replica';

const BEN = 'ben@example.org';

/** Mistakes a person or a client makes, each in an otherwise valid set of fields. */
const MISTAKES: { mistake: string; change: Record<string, unknown>; field: string }[] = [
  { mistake: 'a title too long', change: { title: 'x'.repeat(101) }, field: 'title' },
  { mistake: 'a blank title', change: { title: '   ' }, field: 'title' },
  { mistake: 'an empty title', change: { title: '' }, field: 'title' },
  { mistake: 'a start that is not an instant', change: { startDatetime: '2026-03-02T09:30:00' }, field: 'startDatetime' },
  { mistake: 'a start out of range', change: { startDatetime: '0999-12-31T23:59:59Z' }, field: 'startDatetime' },
  { mistake: 'an unknown field', change: { colour: 'red' }, field: 'colour' },
  { mistake: 'a NUL character', change: { lead: 'Ben\u0000Carter' }, field: 'lead' },
  { mistake: 'a number for a title', change: { title: 42 }, field: 'title' },
  { mistake: 'a location too long', change: { location: 'x'.repeat(201) }, field: 'location' }
];

// The first database only: this is about the words of the answer, not about the database.
const [testDatabase] = testDatabases;

/** The form's error for the mistake's field: exactly one. */
function formErrorsFor(change: Record<string, unknown>, field: string): FieldError[] {
  const form = validateInteractionFields({ ...validFields(), ...change });
  expect(form.ok).toBe(false);
  const errors = form.ok ? [] : form.errors.filter((error) => error.field === field);
  expect(errors).toHaveLength(1);
  return errors;
}

// A pushed record is a merged state, where a blank or long text is stored for review (DESIGN §4):
// only what can never be stored is refused, and then in the same words as the form.
const NEVER_STORABLE = MISTAKES.filter(({ mistake }) => ['a NUL character', 'a start that is not an instant', 'a start out of range'].includes(mistake));

describe('the same mistake in the same words', () => {
  let api: ApiFixture;

  beforeAll(async () => {
    api = await openApiFixture(testDatabase, { env: { RATE_LIMIT_PER_MINUTE: '1000000' } });
  });
  afterAll(() => api.dispose());

  describe('the form and POST /api/interactions', () => {
    it.each(MISTAKES)('give the same field error for $mistake', async ({ change, field }) => {
      const formErrors = formErrorsFor(change, field);
      const payload = { siteId: LEEDS.id, ...validFields(), ...change };
      const response = await api.as(BEN, { method: 'POST', url: '/api/interactions', payload });
      expect(response.statusCode, response.body).toBe(400);
      const routeErrors = (response.json().error.fields as FieldError[]).filter((error) => error.field === field);
      expect(routeErrors).toEqual(formErrors);
    });
  });

  describe('the form and a replication push', () => {
    it.each(NEVER_STORABLE)('give the same field error for $mistake', async ({ change, field }) => {
      const formErrors = formErrorsFor(change, field);
      const outcome = await push(api, BEN, [Replica.create(change).row()]);
      expect(outcome.refused).toHaveLength(1);
      expect(outcome.refused[0].fields).toEqual(formErrors);
    });
  });
});
