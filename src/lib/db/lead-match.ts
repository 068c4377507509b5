/**
 * The Finder's lead filter: any part of the name, ignoring case ("lace" finds "Ada Lovelace").
 * One pattern serves the local database's query (an RxDB `$regex` with these options) and the
 * search results' filter, so the list and a search never disagree on which leads match.
 */

export const LEAD_MATCH_OPTIONS = 'i';

/** The typed text as a regular expression that matches it literally; '' when nothing is typed. */
export function leadPattern(typed: string): string {
  return typed.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A test for leads, compiled once per filter text rather than once per row. */
export function leadMatcher(typed: string): (lead: string) => boolean {
  const pattern = leadPattern(typed);
  if (pattern === '') return () => true;
  const expression = new RegExp(pattern, LEAD_MATCH_OPTIONS);
  return (lead) => expression.test(lead);
}
