import type { InteractionType, Topic } from './topic';
import { COMMUNITY_TOPICS } from './topics/community';
import { FINANCE_GOVERNANCE_TOPICS } from './topics/finance-governance';
import { OPERATIONS_TOPICS } from './topics/operations';
import { PEOPLE_PARTNERS_TOPICS } from './topics/people-partners';

export type { InteractionType, Topic } from './topic';

/**
 * Every topic of the demo data. Ids are stable: a search evaluation set names the topic each query
 * should find, and generated interactions report the topic they were written from.
 */
export const TOPICS: readonly Topic[] = [
  ...COMMUNITY_TOPICS,
  ...OPERATIONS_TOPICS,
  ...FINANCE_GOVERNANCE_TOPICS,
  ...PEOPLE_PARTNERS_TOPICS
];

export function topicById(id: string): Topic {
  const topic = TOPICS.find((candidate) => candidate.id === id);
  if (!topic) throw new Error(`There is no demo topic “${id}”.`);
  return topic;
}

// The rest of the vocabulary belongs to no topic: how people label and open a record of a call or
// a visit, and the follow-ups every kind of work ends with.


export const TITLE_PREFIXES: Readonly<Record<InteractionType, readonly string[]>> = {
  Meeting: ['Meeting: '],
  Call: ['Call: ', 'Phone call – '],
  Email: ['Email: ', 'RE: ', 'FW: '],
  'Site visit': ['Site visit – ', 'Visit: '],
  Workshop: ['Workshop: '],
  Other: ['Note: ']
};

export const OPENERS: Readonly<Record<InteractionType, readonly string[]>> = {
  Meeting: [
    'Met with {contact} and {colleague}.',
    'Attendees: {colleague}, {contact} and two others from the team.',
    'Regular monthly meeting.',
    'Meeting requested by {contact}.'
  ],
  Call: [
    'Phone call with {contact}.',
    '{contact} rang the office this morning.',
    'Returned a missed call from {contact}.',
    'Video call with {contact}.'
  ],
  Email: [
    'Email exchange with {contact}.',
    'Summary of an email thread with {contact} over the past week.',
    '{contact} emailed to follow up.'
  ],
  'Site visit': [
    'Visit carried out by {colleague}.',
    '{colleague} and {contact} walked round together.',
    'Unannounced visit, following up an earlier report.'
  ],
  Workshop: [
    'Half-day workshop with {count} participants.',
    'Workshop facilitated by {colleague}.',
    'Interactive session with small-group exercises.'
  ],
  Other: [
    'Logged by {colleague}.',
    'Informal conversation, recorded for the file.',
    'Drop-in conversation at reception.'
  ]
};

export const CLOSERS: readonly string[] = [
  'Next check-in on {date}.',
  '{colleague} will circulate a summary.',
  'Actions were agreed and assigned.',
  'To be picked up again at the next team meeting.',
  'No further action needed for now.',
  '{colleague} to follow up with {contact} by {date}.'
];

export const GENERIC_NOTES: readonly string[] = [
  'Follow up by {date}.',
  'Action: {colleague} to send a summary.',
  'Documents are in the shared folder.',
  'Mentioned briefly at the team meeting.',
  'Low priority.',
  'Urgent – needs a response this week.'
];

/** Where an interaction happens when nobody is in the same room. */
export const REMOTE_LOCATIONS: Readonly<Record<InteractionType, readonly string[]>> = {
  Meeting: ['Online (Microsoft Teams)', 'Online (Zoom)', 'Google Meet'],
  Call: ['Phone', 'Mobile', 'Microsoft Teams', 'Zoom', 'WhatsApp call'],
  Email: ['By email', 'Email'],
  'Site visit': [],
  Workshop: ['Online (Zoom)', 'Online (Microsoft Teams)'],
  Other: ['Phone', 'By email']
};
