import { expect, type APIRequestContext } from '@playwright/test';
import { LEEDS_SITE_ID } from './local-db';
import { tokenFor } from './server-data';
import type { DemoUser } from './session';

/** An interaction as the REST API returns it: the fields these tests compare. */
export interface ServerInteraction {
  id: string;
  title: string;
  lead: string;
  location: string | null;
  description: string;
  notes: string | null;
  deleted?: boolean;
}

/**
 * Every interaction of a site the server holds with this lead, read through the REST API page by
 * page. The tests give each run's records a lead of their own, so the answer is exactly what the
 * run made: a duplicate or a lost record shows in it.
 */
export async function serverInteractionsLedBy(
  request: APIRequestContext,
  options: { reader: DemoUser; lead: string; siteId?: string }
): Promise<ServerInteraction[]> {
  const headers = { authorization: `Bearer ${await tokenFor(request, options.reader)}` };
  const found: ServerInteraction[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ siteId: options.siteId ?? LEEDS_SITE_ID, lead: options.lead, limit: '100' });
    if (cursor) query.set('cursor', cursor);
    const response = await request.get(`/api/interactions?${query}`, { headers });
    expect(response.status(), await response.text()).toBe(200);
    const page = (await response.json()) as { items: ServerInteraction[]; nextCursor: string | null };
    found.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return found;
}

/** One interaction as the server holds it now. */
export async function serverInteraction(
  request: APIRequestContext,
  options: { reader: DemoUser; id: string }
): Promise<ServerInteraction> {
  const headers = { authorization: `Bearer ${await tokenFor(request, options.reader)}` };
  const response = await request.get(`/api/interactions/${options.id}`, { headers });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as ServerInteraction;
}
