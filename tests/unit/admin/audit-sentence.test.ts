import { describe, expect, it } from 'vitest';
import { auditSentence } from '$lib/admin/audit-sentence';
import type { AuditEntry } from '$lib/admin/types';
import { AUDIT_ACTIONS } from '$lib/domain';

const ADA = { userId: 'u-ada', email: 'ada@example.org', name: 'Ada Lindqvist' };
const BEN = { userId: 'u-ben', email: 'ben@example.org', name: 'Ben Carter' };

function entry(change: Partial<AuditEntry>): AuditEntry {
  return {
    id: 'e1',
    siteId: 's1',
    siteName: 'Leeds',
    action: 'member.added',
    actor: ADA,
    subject: BEN,
    details: {},
    at: '2025-03-01T09:00:00Z',
    ...change
  };
}

describe('auditSentence', () => {
  it.each<[Partial<AuditEntry>, string]>([
    [{ action: 'site.created', subject: null }, 'Ada Lindqvist created the site Leeds.'],
    [
      { action: 'site.updated', subject: null, details: { changes: [{ field: 'name', from: 'Leeds', to: 'Leeds Hub' }, { field: 'timeZone', from: 'UTC', to: 'Europe/London' }] } },
      'Ada Lindqvist changed the site Leeds: the name from “Leeds” to “Leeds Hub” and the time zone from “UTC” to “Europe/London”.'
    ],
    [{ action: 'site.archived', subject: null }, 'Ada Lindqvist archived the site Leeds.'],
    [{ action: 'site.restored', subject: null }, 'Ada Lindqvist restored the site Leeds.'],
    [
      { action: 'site.types-changed', subject: null, details: { added: ['Call'], removed: ['Drop-in', 'Visit'] } },
      'Ada Lindqvist added the type “Call” and retired the types “Drop-in” and “Visit”.'
    ],
    [{ action: 'member.added', details: { role: 'user' } }, 'Ada Lindqvist added Ben Carter as user.'],
    [{ action: 'member.role-changed', details: { from: 'user', to: 'viewer' } }, 'Ada Lindqvist changed Ben Carter’s role from user to viewer.'],
    [{ action: 'member.removed' }, 'Ada Lindqvist removed Ben Carter.'],
    [{ action: 'invitation.created', subject: { email: 'new@example.org' }, details: { role: 'viewer' } }, 'Ada Lindqvist invited new@example.org as viewer.'],
    [{ action: 'invitation.accepted', actor: BEN, subject: BEN, details: { role: 'user' } }, 'Ben Carter accepted the invitation as user.'],
    [{ action: 'invitation.cancelled', subject: { email: 'new@example.org' } }, 'Ada Lindqvist cancelled the invitation for new@example.org.'],
    [{ action: 'org-admin.granted', siteId: null, siteName: null }, 'Ada Lindqvist made Ben Carter an organisation administrator.'],
    [
      { action: 'org-admin.granted', siteId: null, siteName: null, subject: { email: 'cto@example.org' } },
      'Ada Lindqvist made cto@example.org an organisation administrator (from their first sign-in).'
    ],
    [{ action: 'org-admin.revoked', siteId: null, siteName: null }, 'Ada Lindqvist removed Ben Carter as organisation administrator.']
  ])('describes %j', (change, sentence) => {
    expect(auditSentence(entry(change))).toBe(sentence);
  });

  it('names the site when asked, for the organisation-wide log', () => {
    expect(auditSentence(entry({ action: 'member.removed' }), { withSite: true })).toBe('Ada Lindqvist removed Ben Carter in Leeds.');
  });

  it('writes a sentence for every action, never an empty one', () => {
    for (const action of AUDIT_ACTIONS) {
      const sentence = auditSentence(entry({ action, details: {} }));
      expect(sentence).toMatch(/^Ada Lindqvist|^Ben Carter/);
      expect(sentence).not.toMatch(/undefined|null|\[object/);
    }
  });

  it('leaves out details of an unexpected shape rather than failing', () => {
    const odd = entry({ action: 'site.updated', details: { changes: 'everything' } as Record<string, unknown> });

    expect(auditSentence(odd)).toBe('Ada Lindqvist changed the details of Leeds.');
  });
});
