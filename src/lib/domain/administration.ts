/**
 * The vocabulary of administration shared by the server and the screens: what the audit log
 * records, and the email addresses invitations and administrator grants are keyed by.
 */

export const AUDIT_ACTIONS = [
  'site.created',
  'site.updated',
  'site.archived',
  'site.restored',
  'site.types-changed',
  'member.added',
  'member.role-changed',
  'member.removed',
  'invitation.created',
  'invitation.accepted',
  'invitation.cancelled',
  'org-admin.granted',
  'org-admin.revoked'
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The users.email column's size (migrations/0001). */
export const EMAIL_MAX_LENGTH = 320;

// Deliberately loose: the identity provider verifies addresses; this only catches what is plainly
// not one (a name, a missing domain), so a typo is reported before an invitation waits forever.
const EMAIL_ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** True for text shaped like an email address and short enough to store. */
export function isEmailAddress(value: string): boolean {
  return value.length <= EMAIL_MAX_LENGTH && EMAIL_ADDRESS.test(value);
}

/**
 * The form an address is compared in: addresses differ by case only in how people type them, so
 * ADA@Example.org and ada@example.org are one person (users.email is unique ignoring case).
 */
export function emailKey(value: string): string {
  return value.trim().toLowerCase();
}
