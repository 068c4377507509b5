import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldMessages, uuidv7, type FieldError } from '../../../src/lib/domain';
import { LEEDS, TORONTO } from '../../../sync-server/demo/demo-directory';
import { openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { testDatabases } from '../helpers/test-databases';
import { validFields } from '../../support/valid-fields';

const BEN = 'ben@example.org';

type Body = Record<string, unknown>;

// One user sends far more than a person could in a minute here; the limit has its own tests.
const UNTHROTTLED = { RATE_LIMIT_PER_MINUTE: '1000000' };

/** A create body that passes every rule; each test changes what it is about. */
function validInteraction(overrides: Body = {}): Body {
  return { siteId: LEEDS.id, ...validFields(), ...overrides };
}


function without(body: Body, ...names: string[]): Body {
  return Object.fromEntries(Object.entries(body).filter(([name]) => !names.includes(name)));
}

const longText = (length: number) => 'x'.repeat(length);

interface RuleCase {
  rule: string;
  body: Body;
  field: string;
  message: string | RegExp;
}

/** Every domain rule, broken one at a time in an otherwise valid create body. */
const CREATE_RULES: RuleCase[] = [
  { rule: 'title missing', body: without(validInteraction(), 'title'), field: 'title', message: fieldMessages.required('Title') },
  { rule: 'title over 100 characters', body: validInteraction({ title: longText(101) }), field: 'title', message: /^Title must be at most 100 characters/ },
  { rule: 'title of whitespace only', body: validInteraction({ title: ' \t  ' }), field: 'title', message: fieldMessages.required('Title') },
  { rule: 'type missing', body: without(validInteraction(), 'type'), field: 'type', message: fieldMessages.required('Type') },
  { rule: 'type over 50 characters', body: validInteraction({ type: longText(51) }), field: 'type', message: /^Type must be at most 50 characters/ },
  { rule: "type not in the site's list", body: validInteraction({ type: 'Party' }), field: 'type', message: /^Type must be one of: .*Meeting/ },
  { rule: 'lead missing', body: without(validInteraction(), 'lead'), field: 'lead', message: fieldMessages.required('Lead') },
  { rule: 'lead over 100 characters', body: validInteraction({ lead: longText(101) }), field: 'lead', message: /^Lead must be at most 100 characters/ },
  { rule: 'start missing', body: without(validInteraction(), 'startDatetime'), field: 'startDatetime', message: fieldMessages.required('Start') },
  { rule: 'start without an offset', body: validInteraction({ startDatetime: '2026-03-02T09:30:00' }), field: 'startDatetime', message: fieldMessages.notInstant('Start') },
  { rule: 'start without seconds', body: validInteraction({ startDatetime: '2026-03-02T09:30Z' }), field: 'startDatetime', message: fieldMessages.notInstant('Start') },
  { rule: 'start with a space for the T', body: validInteraction({ startDatetime: '2026-03-02 09:30:00Z' }), field: 'startDatetime', message: fieldMessages.notInstant('Start') },
  { rule: 'start in a local format', body: validInteraction({ startDatetime: '02/03/2026 09:30' }), field: 'startDatetime', message: fieldMessages.notInstant('Start') },
  { rule: 'start on 30 February', body: validInteraction({ startDatetime: '2026-02-30T09:30:00Z' }), field: 'startDatetime', message: fieldMessages.notInstant('Start') },
  { rule: 'start on 29 February of a common year', body: validInteraction({ startDatetime: '2026-02-29T09:30:00Z' }), field: 'startDatetime', message: fieldMessages.notInstant('Start') },
  { rule: 'end missing', body: without(validInteraction(), 'endDatetime'), field: 'endDatetime', message: fieldMessages.required('End') },
  { rule: 'end in month 13', body: validInteraction({ endDatetime: '2026-13-01T10:30:00Z' }), field: 'endDatetime', message: fieldMessages.notInstant('End') },
  { rule: 'end equal to start', body: validInteraction({ endDatetime: '2026-03-02T09:30:00Z' }), field: 'endDatetime', message: fieldMessages.endBeforeStart() },
  { rule: 'end before start', body: validInteraction({ endDatetime: '2026-03-02T09:29:59Z' }), field: 'endDatetime', message: fieldMessages.endBeforeStart() },
  {
    rule: 'end before start once offsets are applied',
    body: validInteraction({ startDatetime: '2026-03-02T09:30:00Z', endDatetime: '2026-03-02T10:15:00+01:00' }),
    field: 'endDatetime',
    message: fieldMessages.endBeforeStart()
  },
  { rule: 'timezone missing', body: without(validInteraction(), 'timezone'), field: 'timezone', message: fieldMessages.required('Timezone') },
  { rule: 'timezone that is not a zone', body: validInteraction({ timezone: 'Mars/Olympus_Mons' }), field: 'timezone', message: fieldMessages.notTimeZone() },
  { rule: 'timezone given as an offset', body: validInteraction({ timezone: '+01:00' }), field: 'timezone', message: fieldMessages.notTimeZone() },
  { rule: 'timezone misspelt', body: validInteraction({ timezone: 'Europe/Londn' }), field: 'timezone', message: fieldMessages.notTimeZone() },
  { rule: 'location over 200 characters', body: validInteraction({ location: longText(201) }), field: 'location', message: /^Location must be at most 200 characters/ },
  { rule: 'description missing', body: without(validInteraction(), 'description'), field: 'description', message: fieldMessages.required('Description') },
  { rule: 'description empty', body: validInteraction({ description: '' }), field: 'description', message: fieldMessages.required('Description') },
  { rule: 'description of whitespace only', body: validInteraction({ description: '\n  \n' }), field: 'description', message: fieldMessages.required('Description') }
];

/** The same rules reached through an edit of a record that starts 2026-03-02T09:30:00Z. */
const PATCH_RULES: RuleCase[] = [
  { rule: 'title emptied', body: { title: '' }, field: 'title', message: fieldMessages.required('Title') },
  { rule: 'title set to null', body: { title: null }, field: 'title', message: fieldMessages.required('Title') },
  { rule: 'title of whitespace only', body: { title: '   ' }, field: 'title', message: fieldMessages.required('Title') },
  { rule: 'title over 100 characters', body: { title: longText(101) }, field: 'title', message: /^Title must be at most 100 characters/ },
  { rule: 'type over 50 characters', body: { type: longText(51) }, field: 'type', message: /^Type must be at most 50 characters/ },
  { rule: "type not in the site's list", body: { type: 'Party' }, field: 'type', message: /^Type must be one of: / },
  { rule: 'lead over 100 characters', body: { lead: longText(101) }, field: 'lead', message: /^Lead must be at most 100 characters/ },
  { rule: 'start without an offset', body: { startDatetime: '2026-03-02T08:00:00' }, field: 'startDatetime', message: fieldMessages.notInstant('Start') },
  { rule: 'start on 31 April', body: { startDatetime: '2026-04-31T08:00:00Z' }, field: 'startDatetime', message: fieldMessages.notInstant('Start') },
  { rule: 'end moved before the stored start', body: { endDatetime: '2026-03-02T09:00:00Z' }, field: 'endDatetime', message: fieldMessages.endBeforeStart() },
  { rule: 'start moved after the stored end', body: { startDatetime: '2026-03-02T11:00:00Z' }, field: 'endDatetime', message: fieldMessages.endBeforeStart() },
  { rule: 'timezone that is not a zone', body: { timezone: 'Nowhere/Special' }, field: 'timezone', message: fieldMessages.notTimeZone() },
  { rule: 'location over 200 characters', body: { location: longText(201) }, field: 'location', message: /^Location must be at most 200 characters/ },
  { rule: 'description emptied', body: { description: '' }, field: 'description', message: fieldMessages.required('Description') }
];

/** Text that would do harm if it were ever pasted into SQL or HTML rather than passed as data. */
const HOSTILE_TEXTS = [
  "'); DROP TABLE interactions; --",
  '<script>alert(1)</script>',
  "Robert'); DELETE FROM users;--",
  'Zoë 🚀 👩🏽‍💻 中文 עברית e\u0301 \u00a0nbsp',
  `"double" and 'single' quotes, \`backticks\``,
  'back\\slash \\n \\x00 \\\\ not escapes',
  'line one\nline two\r\nline three\ttabbed',
  "100% _wild_ cards $1 $$ E'\\x41' /* comment */"
];

describe.each(testDatabases)('interaction validation on $kind', (testDatabase) => {
  let api: ApiFixture;

  beforeAll(async () => {
    api = await openApiFixture(testDatabase, { interactions: 30, env: UNTHROTTLED });
  });
  afterAll(() => api.dispose());

  const send = (request: InjectOptions) => api.as(BEN, request);
  const post = (body: unknown) => send({ method: 'POST', url: '/api/interactions', payload: body as Body });
  const patch = (id: string, body: unknown) => send({ method: 'PATCH', url: `/api/interactions/${id}`, payload: body as Body });
  const get = (id: string) => send({ method: 'GET', url: `/api/interactions/${id}` });

  async function create(overrides: Body = {}) {
    const response = await post(validInteraction(overrides));
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  async function count(sql: string, params: unknown[] = []): Promise<number> {
    const { rows } = await api.db.query<{ n: number }>(sql, params);
    return Number(rows[0].n);
  }

  /** The field errors of a 400 VALIDATION_FAILED answer. */
  function fieldErrors(response: LightMyRequestResponse): FieldError[] {
    expect(response.statusCode, response.body).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    return error.fields;
  }

  function expectFieldError(response: LightMyRequestResponse, field: string, message: string | RegExp) {
    const errors = fieldErrors(response);
    const expected = typeof message === 'string' ? message : expect.stringMatching(message);
    expect(errors).toContainEqual({ field, message: expected });
    // One message per field, so a form shows one line under each input.
    expect(errors.filter((error) => error.field === field)).toHaveLength(1);
  }

  /** A 4xx in the error envelope, never a 5xx or a bare body. */
  function expectClientErrorEnvelope(response: LightMyRequestResponse) {
    expect(response.statusCode, response.body).toBeGreaterThanOrEqual(400);
    expect(response.statusCode, response.body).toBeLessThan(500);
    expect(response.json().error).toEqual(
      expect.objectContaining({ code: expect.any(String), message: expect.any(String), requestId: expect.any(String) })
    );
  }

  describe('POST /api/interactions', () => {
    it('accepts the valid body the other cases start from', async () => {
      const created = await create();
      expect(created).toMatchObject(without(validInteraction(), 'startDatetime', 'endDatetime'));
    });

    it.each(CREATE_RULES)('rejects $rule, naming $field', async ({ body, field, message }) => {
      expectFieldError(await post(body), field, message);
    });

    it('stores nothing when it rejects a body', async () => {
      const before = await count('SELECT count(*) AS n FROM interactions');
      fieldErrors(await post(validInteraction({ title: 'Never stored', type: 'Party' })));
      expect(await count('SELECT count(*) AS n FROM interactions')).toBe(before);
    });

    it('lists every bad field at once, whichever check finds it', async () => {
      const response = await post({
        ...without(validInteraction(), 'lead'),
        title: longText(101),
        type: 'Party',
        startDatetime: '2026-02-30T09:30:00Z',
        timezone: 'Nowhere/Special',
        location: longText(201),
        description: ''
      });
      const errors = fieldErrors(response);
      expect(errors.map((error) => error.field).sort()).toEqual(
        ['description', 'lead', 'location', 'startDatetime', 'timezone', 'title', 'type'].sort()
      );
      for (const error of errors) expect(error.message).toMatch(/^[A-Z].*\.$/);
    });

    it('lists a schema finding and a domain finding together', async () => {
      // A missing title is caught by the route's schema, end-before-start only by the domain rules.
      const errors = fieldErrors(await post(without(validInteraction({ endDatetime: '2026-03-02T08:00:00Z' }), 'title')));
      expect(errors).toEqual(
        expect.arrayContaining([
          { field: 'title', message: fieldMessages.required('Title') },
          { field: 'endDatetime', message: fieldMessages.endBeforeStart() }
        ])
      );
    });

    it('rejects an unknown property, naming it', async () => {
      expectFieldError(await post(validInteraction({ colour: 'red' })), 'colour', /colour/);
    });

    it('rejects properties the server owns', async () => {
      const errors = fieldErrors(
        await post(validInteraction({ createdBy: '05e40000-0000-4000-8000-000000000001', deleted: true, serverSeq: 1 }))
      );
      expect(errors.map((error) => error.field)).toEqual(expect.arrayContaining(['createdBy', 'deleted', 'serverSeq']));
    });

    it.each([
      { field: 'title', value: 42, label: 'Title' },
      { field: 'description', value: ['Went through the tenancy agreement.'], label: 'Description' },
      { field: 'notes', value: { text: 'Follow up' }, label: 'Notes' },
      { field: 'location', value: true, label: 'Location' },
      { field: 'lead', value: 7.5, label: 'Lead' }
    ])('rejects a $field of the wrong JSON type instead of converting it', async ({ field, value, label }) => {
      expectFieldError(await post(validInteraction({ [field]: value })), field, fieldMessages.notText(label));
    });

    it('does not store title: 42 as the text "42"', async () => {
      const marker = `coercion-probe-${uuidv7()}`;
      fieldErrors(await post(validInteraction({ title: 42, description: marker })));
      expect(await count('SELECT count(*) AS n FROM interactions WHERE description = $1', [marker])).toBe(0);
      expect(await count(`SELECT count(*) AS n FROM interactions WHERE title = '42'`)).toBe(0);
    });

    it('rejects a siteId that is not a UUID, naming siteId', async () => {
      expectFieldError(await post(validInteraction({ siteId: 'leeds' })), 'siteId', fieldMessages.notUuid('Site'));
    });

    it('rejects a missing siteId, naming siteId', async () => {
      expectFieldError(await post(without(validInteraction(), 'siteId')), 'siteId', fieldMessages.required('Site'));
    });

    it('rejects an id that is not a UUID, naming id', async () => {
      expectFieldError(await post(validInteraction({ id: 'my-own-id' })), 'id', fieldMessages.notUuid('Id'));
    });

    it.each([
      { kind: 'malformed JSON', payload: '{"title": "Unfinished', contentType: 'application/json' },
      { kind: 'an empty JSON body', payload: '', contentType: 'application/json' },
      { kind: 'a JSON array', payload: '[{"title": "In a list"}]', contentType: 'application/json' },
      { kind: 'JSON null', payload: 'null', contentType: 'application/json' },
      { kind: 'a JSON string', payload: '"just text"', contentType: 'application/json' },
      { kind: 'plain text', payload: 'title=Hello', contentType: 'text/plain' },
      { kind: 'a form post', payload: 'title=Hello&type=Meeting', contentType: 'application/x-www-form-urlencoded' },
      { kind: 'XML', payload: '<interaction><title>Hello</title></interaction>', contentType: 'application/xml' }
    ])('answers $kind with a 4xx error envelope', async ({ payload, contentType }) => {
      const response = await send({ method: 'POST', url: '/api/interactions', payload, headers: { 'content-type': contentType } });
      expectClientErrorEnvelope(response);
    });

    it('answers malformed JSON with 400 and a code naming the problem', async () => {
      const response = await send({
        method: 'POST',
        url: '/api/interactions',
        payload: '{"title": ',
        headers: { 'content-type': 'application/json' }
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('INVALID_JSON');
    });
  });

  describe('PATCH /api/interactions/:id', () => {
    let id: string;
    beforeAll(async () => {
      id = (await create({ title: 'Patch target' })).id;
    });

    it.each(PATCH_RULES)('rejects $rule, naming $field', async ({ body, field, message }) => {
      expectFieldError(await patch(id, body), field, message);
    });

    it('leaves the record as it was after a rejected edit', async () => {
      fieldErrors(await patch(id, { title: 'Half an edit', type: 'Party' }));
      expect((await get(id)).json().title).toBe('Patch target');
    });

    it('lists every bad field of an edit at once', async () => {
      const errors = fieldErrors(
        await patch(id, { title: '', timezone: 'Nowhere/Special', endDatetime: '2026-03-02T09:00:00Z', location: longText(201) })
      );
      expect(errors.map((error) => error.field).sort()).toEqual(['endDatetime', 'location', 'timezone', 'title']);
    });

    it.each(['colour', 'siteId', 'createdBy', 'deleted', 'id'])('rejects the property %s, naming it', async (name) => {
      const value = name === 'deleted' ? true : name === 'colour' ? 'red' : TORONTO.id;
      expectFieldError(await patch(id, { [name]: value }), name, new RegExp(name));
      expect((await get(id)).json()).toMatchObject({ siteId: LEEDS.id, deleted: false });
    });

    it.each([
      { field: 'title', value: 42, label: 'Title' },
      { field: 'description', value: ['a list'], label: 'Description' },
      { field: 'notes', value: { nested: true }, label: 'Notes' },
      { field: 'location', value: false, label: 'Location' }
    ])('rejects a $field of the wrong JSON type instead of converting it', async ({ field, value, label }) => {
      expectFieldError(await patch(id, { [field]: value }), field, fieldMessages.notText(label));
      expect((await get(id)).json()[field]).not.toBe(String(value));
    });

    it('answers malformed JSON with a 4xx error envelope', async () => {
      const response = await send({
        method: 'PATCH',
        url: `/api/interactions/${id}`,
        payload: '{"title": "x",}',
        headers: { 'content-type': 'application/json' }
      });
      expectClientErrorEnvelope(response);
    });

    it('answers a body that is not an object with a 4xx error envelope', async () => {
      const response = await send({
        method: 'PATCH',
        url: `/api/interactions/${id}`,
        payload: '["title"]',
        headers: { 'content-type': 'application/json' }
      });
      expectClientErrorEnvelope(response);
    });

    it('answers 409 INTERACTION_DELETED for a deleted record', async () => {
      const deleted = await create({ title: 'Soon gone' });
      expect((await send({ method: 'DELETE', url: `/api/interactions/${deleted.id}` })).statusCode).toBe(204);

      const response = await patch(deleted.id, { title: 'Back from the dead' });
      expect(response.statusCode).toBe(409);
      expect(response.json().error.code).toBe('INTERACTION_DELETED');
    });

    describe('an edit that changes nothing', () => {
      const state = async (recordId: string) => ({
        history: await count('SELECT count(*) AS n FROM interaction_history WHERE interaction_id = $1', [recordId]),
        serverSeq: await count('SELECT server_seq AS n FROM interactions WHERE id = $1', [recordId])
      });

      it('writes no history row and keeps server_seq and updatedAt', async () => {
        const record = await create({ title: 'Unchanged', startDatetime: '2026-03-02T09:30:00Z' });
        const before = await state(record.id);

        const response = await patch(record.id, {
          title: 'Unchanged',
          type: record.type,
          // The same instant written with another offset is the same value.
          startDatetime: '2026-03-02T10:30:00+01:00',
          notes: record.notes
        });
        expect(response.statusCode, response.body).toBe(200);
        expect(response.json().updatedAt).toBe(record.updatedAt);
        expect(await state(record.id)).toEqual(before);
      });

      it('writes nothing for an empty edit', async () => {
        const record = await create({ title: 'Empty edit' });
        const before = await state(record.id);
        expect((await patch(record.id, {})).statusCode).toBe(200);
        expect(await state(record.id)).toEqual(before);
      });

      it('does write a history row and a new server_seq for a real change', async () => {
        const record = await create({ title: 'Changed' });
        const before = await state(record.id);
        expect((await patch(record.id, { title: 'Changed again' })).statusCode).toBe(200);
        const after = await state(record.id);
        expect(after.history).toBe(before.history + 1);
        expect(after.serverSeq).toBeGreaterThan(before.serverSeq);
      });
    });
  });

  describe('ids in the path', () => {
    it.each([
      { method: 'GET', suffix: '' },
      { method: 'GET', suffix: '/history' },
      { method: 'PATCH', suffix: '' },
      { method: 'DELETE', suffix: '' }
    ] as const)('$method /api/interactions/<not a uuid>$suffix answers 404', async ({ method, suffix }) => {
      for (const badId of ['not-a-uuid', '12345', "x';DROP TABLE interactions;--", '517e0000-0000-4000-8000-00000000000Z']) {
        const response = await send({
          method,
          url: `/api/interactions/${encodeURIComponent(badId)}${suffix}`,
          ...(method === 'PATCH' ? { payload: { title: 'Anything' } } : {})
        });
        expect(response.statusCode, `${badId}: ${response.body}`).toBe(404);
        expect(response.json().error.code).toBe('INTERACTION_NOT_FOUND');
      }
    });

    it('answers an over-long id with a 4xx, not a 500', async () => {
      expectClientErrorEnvelope(await get('x'.repeat(300)));
    });
  });

  describe('client-supplied ids', () => {
    it('keeps a UUIDv7 made on the client', async () => {
      const id = uuidv7();
      const response = await post(validInteraction({ id }));
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json().id).toBe(id);
      expect(response.headers.location).toBe(`/api/interactions/${id}`);
      expect((await get(id)).json().id).toBe(id);
    });

    it('answers 409 ID_UNAVAILABLE when the id is taken by other content, and keeps the first record', async () => {
      const id = uuidv7();
      await create({ id, title: 'First with this id' });

      const response = await post(validInteraction({ id, title: 'Second with this id' }));
      expect(response.statusCode).toBe(409);
      expect(response.json().error.code).toBe('ID_UNAVAILABLE');
      expect((await get(id)).json().title).toBe('First with this id');
      expect(await count('SELECT count(*) AS n FROM interaction_history WHERE interaction_id = $1', [id])).toBe(1);
    });
  });

  describe('GET /api/interactions query validation', () => {
    const list = (query: string) => send({ method: 'GET', url: `/api/interactions?${query}` });

    it.each([
      { query: 'limit=0', field: 'limit' },
      { query: 'limit=101', field: 'limit' },
      { query: 'limit=ten', field: 'limit' },
      { query: 'sort=colour', field: 'sort' },
      { query: 'sort=--title', field: 'sort' },
      { query: 'colour=red', field: 'colour' },
      { query: 'from=yesterday', field: 'from' },
      { query: 'from=2026-03-02', field: 'from' },
      { query: 'to=2026-02-30T00:00:00Z', field: 'to' },
      { query: 'siteId=leeds', field: 'siteId' },
      { query: `type=${longText(51)}`, field: 'type' },
      { query: `lead=${longText(101)}`, field: 'lead' }
    ])('rejects $query, naming $field', async ({ query, field }) => {
      const errors = fieldErrors(await list(query));
      expect(errors).toEqual([{ field, message: expect.stringMatching(/^\S.*\.$/) }]);
    });

    it('accepts filters as long as their fields and the largest page', async () => {
      const response = await list(`type=${longText(50)}&lead=${longText(100)}&limit=100`);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().items).toEqual([]);
    });

    it('names the allowed sorts when the sort is unknown', async () => {
      const [error] = fieldErrors(await list('sort=colour'));
      expect(error.message).toMatch(/^Sort must be one of: .*-startDatetime/);
    });

    it.each([
      { kind: 'garbage', cursor: 'not a cursor at all' },
      { kind: 'base64 of a number', cursor: Buffer.from('5').toString('base64url') },
      { kind: 'base64 of an object', cursor: Buffer.from('{"a":1}').toString('base64url') },
      { kind: 'one of another sort', cursor: Buffer.from(JSON.stringify(['list:title', 'A', uuidv7()])).toString('base64url') },
      { kind: 'one with a date that is not a date', cursor: Buffer.from(JSON.stringify(['list:-startDatetime', 'yesterday', uuidv7()])).toString('base64url') },
      { kind: 'one with an id that is not a UUID', cursor: Buffer.from(JSON.stringify(['list:-startDatetime', '2026-03-02T09:30:00.000Z', 'x'])).toString('base64url') },
      { kind: 'one with no position', cursor: Buffer.from(JSON.stringify(['list:-startDatetime'])).toString('base64url') }
    ])('answers a cursor that is $kind with 400 INVALID_CURSOR', async ({ cursor }) => {
      const response = await list(`cursor=${encodeURIComponent(cursor)}`);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'INVALID_CURSOR', fields: [{ field: 'cursor', message: expect.any(String) }] });
    });

    it('refuses a cursor from one sort when used with another', async () => {
      const first = (await list('sort=title&limit=2')).json();
      expect(first.nextCursor).toEqual(expect.any(String));
      const response = await list(`sort=-title&limit=2&cursor=${first.nextCursor}`);
      expect(response.json().error.code).toBe('INVALID_CURSOR');
    });

    it('refuses a search cursor forged with a rank that is not a number', async () => {
      const cursor = Buffer.from(JSON.stringify(['search:advice', 'high', uuidv7()])).toString('base64url');
      const response = await send({ method: 'GET', url: `/api/search/interactions?q=advice&cursor=${cursor}` });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error.code).toBe('INVALID_CURSOR');
    });
  });

  describe('hostile text', () => {
    async function databaseIntact() {
      const { rows } = await api.db.query<{ interactions: string | null; users: string | null }>(
        `SELECT to_regclass('public.interactions')::text AS interactions, to_regclass('public.users')::text AS users`
      );
      expect(rows[0]).toEqual({ interactions: 'interactions', users: 'users' });
      expect(await count('SELECT count(*) AS n FROM users')).toBe(5);
    }

    it.each(HOSTILE_TEXTS.map((text, index) => ({ text, index })))(
      'stores and returns $text exactly',
      async ({ text, index }) => {
        const word = `quizzleframp${index}`;
        const fields = { title: text, lead: text, location: text, description: text, notes: `${word} ${text}` };
        const interactionsBefore = await count('SELECT count(*) AS n FROM interactions');

        const created = await post(validInteraction(fields));
        expect(created.statusCode, created.body).toBe(201);
        expect(created.json()).toMatchObject(fields);

        const read = (await get(created.json().id)).json();
        expect(read).toMatchObject(fields);
        for (const [name, value] of Object.entries(fields)) {
          expect(Buffer.from(read[name], 'utf8').equals(Buffer.from(value, 'utf8')), name).toBe(true);
        }

        const { rows } = await api.db.query<Record<string, string>>(
          'SELECT title, lead, location, description, notes FROM interactions WHERE id = $1',
          [created.json().id]
        );
        expect(rows[0]).toEqual(fields);

        const found = (await send({ method: 'GET', url: `/api/search/interactions?q=${word}` })).json();
        expect(found.items.map((hit: { id: string }) => hit.id)).toEqual([created.json().id]);
        expect(found.items[0]).toMatchObject(fields);

        expect(await count('SELECT count(*) AS n FROM interactions')).toBe(interactionsBefore + 1);
        await databaseIntact();
      }
    );

    it.each(HOSTILE_TEXTS)('searches for %s without error or harm', async (text) => {
      const interactionsBefore = await count('SELECT count(*) AS n FROM interactions');
      const response = await send({ method: 'GET', url: `/api/search/interactions?q=${encodeURIComponent(text)}` });
      expect(response.statusCode, response.body).toBe(200);
      expect(await count('SELECT count(*) AS n FROM interactions')).toBe(interactionsBefore);
      await databaseIntact();
    });

    it('filters by a hostile type and lead without error or harm', async () => {
      const query = new URLSearchParams({ type: "Meeting' OR '1'='1", lead: "x'); DELETE FROM users;--" });
      const response = await send({ method: 'GET', url: `/api/interactions?${query}` });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().items).toEqual([]);
      await databaseIntact();
    });

    it('keeps hostile text exact through an edit', async () => {
      const { id } = await create({ title: 'Plain to begin with' });
      const edit = { title: HOSTILE_TEXTS[0], notes: HOSTILE_TEXTS.join('\n') };
      const response = await patch(id, edit);
      expect(response.statusCode, response.body).toBe(200);
      expect((await get(id)).json()).toMatchObject(edit);
    });
  });
});
