/**
 * The wording of every validation message, in one place: the domain validator, the server's request
 * validation and the form all say the same thing for the same mistake.
 */
export const fieldMessages = {
  required: (label: string) => `${label} is required.`,
  notText: (label: string) => `${label} must be text.`,
  tooLong: (label: string, max: number, actual?: number) =>
    `${label} must be at most ${max} characters${actual === undefined ? '' : ` (it has ${actual})`}.`,
  unstorable: (label: string) => `${label} contains a character that cannot be stored (a NUL or a broken emoji).`,
  notInstant: (label: string) => `${label} must be a date and time with its offset, such as 2026-03-01T09:30:00Z.`,
  instantOutOfRange: (label: string) => `${label} must fall within the years 1000 to 9999.`,
  notUuid: (label: string) => `${label} must be a UUID.`,
  notOneOf: (label: string, allowed: readonly unknown[]) => `${label} must be one of: ${allowed.join(', ')}.`,
  unknownField: (name: string, of = 'an interaction') => `“${name}” is not a field of ${of}.`,
  wrongType: (label: string, expected: string) => `${label} must be ${expected}.`,
  notTimeZone: (label = 'Timezone') => `${label} must be an IANA time zone name, such as Europe/London.`,
  endBeforeStart: () => 'End must be after the start.',
  tooFewEntries: (label: string, min: number) => `${label} must list at least ${min} ${min === 1 ? 'entry' : 'entries'}.`,
  tooManyEntries: (label: string, max: number, actual: number) => `${label} must list at most ${max} entries (it has ${actual}).`,
  duplicateEntry: (label: string, value: string) => `${label} lists “${value}” more than once (ignoring case).`,
  surroundingSpace: (label: string) => `${label} must not begin or end with a space.`,
  notEmail: (label: string) => `${label} must be an email address, such as ada@example.org.`,
  notMatching: (label: string, pattern: string) => `${label} must match pattern "${pattern}".`,
  atLeast: (label: string, min: number) => `${label} must be >= ${min}.`,
  atMost: (label: string, max: number) => `${label} must be <= ${max}.`,
  notValid: (label: string) => `${label} is not valid.`
};

/** The wording of administration refusals that a screen may show as they are. */
export const adminMessages = {
  orgAdminOnlyField: (field: string) => `Only an organisation administrator may change “${field}”.`,
  lastAdmin: () => 'A site needs at least one admin; make someone else admin first.',
  lastOrgAdmin: () => 'The organisation needs at least one administrator; grant someone else first.',
  alreadyMember: (email: string) => `${email} is already a member of this site.`,
  alreadyInvited: (email: string) => `${email} has already been invited to this site.`,
  emailInUse: () => 'Another account already uses this email address.'
};
