import { describe, expect, it } from 'vitest';
import { retireTypes, typesAllowedFor, validateSiteSettings } from '../../../src/lib/domain';

const valid = { name: 'Leeds', description: null, timeZone: 'Europe/London', interactionTypes: ['Meeting', 'Call'] };

describe('validateSiteSettings', () => {
  it('accepts complete settings and fills a missing description with null', () => {
    const { description: _description, ...withoutDescription } = valid;
    expect(validateSiteSettings(withoutDescription)).toEqual({ ok: true, value: valid });
  });

  it('reports every broken rule by field at once', () => {
    const result = validateSiteSettings({ name: ' ', timeZone: 'Nowhere/City', interactionTypes: ['Call', ' Visit', 'call', ''], colour: 'red' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => error.field).sort()).toEqual(
      ['colour', 'interactionTypes[1]', 'interactionTypes[2]', 'interactionTypes[3]', 'name', 'timeZone'].sort()
    );
  });

  it('requires name, time zone and types for a new site but nothing for a change', () => {
    const created = validateSiteSettings({});
    expect(created.ok ? [] : created.errors.map((error) => error.field)).toEqual(['name', 'timeZone', 'interactionTypes']);
    expect(validateSiteSettings({}, { partial: true })).toEqual({ ok: true, value: {} });
    expect(validateSiteSettings({ interactionTypes: ['Call'] }, { partial: true })).toEqual({ ok: true, value: { interactionTypes: ['Call'] } });
  });

  it('bounds the type list: at least one, at most 50, each at most 50 characters', () => {
    const tooFew = validateSiteSettings({ interactionTypes: [] }, { partial: true });
    expect(tooFew.ok ? [] : tooFew.errors).toEqual([expect.objectContaining({ field: 'interactionTypes' })]);
    const tooMany = validateSiteSettings({ interactionTypes: Array.from({ length: 51 }, (_, i) => `T${i}`) }, { partial: true });
    expect(tooMany.ok).toBe(false);
    const tooLong = validateSiteSettings({ interactionTypes: ['x'.repeat(51)] }, { partial: true });
    expect(tooLong.ok ? [] : tooLong.errors).toEqual([expect.objectContaining({ field: 'interactionTypes[0]' })]);
  });

  it('refuses what is not an object', () => {
    expect(validateSiteSettings(null).ok).toBe(false);
    expect(validateSiteSettings(['Leeds']).ok).toBe(false);
  });
});

describe('typesAllowedFor', () => {
  const site = { interactionTypes: ['Meeting', 'Call'], retiredInteractionTypes: ['Visit', 'Workshop'] };

  it('offers only current types to a new record', () => {
    expect(typesAllowedFor(site)).toEqual(['Meeting', 'Call']);
  });

  it('keeps a record’s own retired type, and no other retired one', () => {
    expect(typesAllowedFor(site, 'Visit')).toEqual(['Meeting', 'Call', 'Visit']);
    expect(typesAllowedFor(site, 'Unknown')).toEqual(['Meeting', 'Call']);
  });
});

describe('retireTypes', () => {
  it('retires removed types, keeps earlier ones, and takes back a type listed again', () => {
    expect(retireTypes(['A', 'B', 'C'], ['A'], [])).toEqual(['B', 'C']);
    expect(retireTypes(['A'], ['A', 'B'], ['B', 'C'])).toEqual(['C']);
    expect(retireTypes(['A', 'B'], ['B'], ['C'])).toEqual(['C', 'A']);
  });
});
