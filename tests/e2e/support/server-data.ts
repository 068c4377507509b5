import { createHash } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { createInteractionDoc, encodeInteractionState } from '../../../src/lib/domain/crdt';
import { LEEDS_SITE_ID, interactionFields, type SeedInteraction } from './local-db';
import type { DemoUser } from './session';

/** A dev-issuer access token for a demo user. */
export async function tokenFor(request: APIRequestContext, user: DemoUser): Promise<string> {
  const response = await request.post('/api/auth/dev/token', { data: { email: user.email } });
  return ((await response.json()) as { access_token: string }).access_token;
}

/**
 * Creates interactions on the server through the REST API, as a colleague on another device
 * would; replication brings them to every signed-in browser of the site. Returns their ids.
 */
export async function createOnServer(
  request: APIRequestContext,
  options: { author: DemoUser; siteId?: string; interactions: SeedInteraction[] }
): Promise<string[]> {
  const token = await tokenFor(request, options.author);
  const ids: string[] = [];
  for (const interaction of options.interactions) {
    const response = await request.post('/api/interactions', {
      headers: { authorization: `Bearer ${token}` },
      data: { siteId: options.siteId ?? LEEDS_SITE_ID, ...interactionFields(interaction, options.author) }
    });
    if (!response.ok()) throw new Error(`creating “${interaction.title}” failed: ${response.status()} ${await response.text()}`);
    ids.push(((await response.json()) as { id: string }).id);
  }
  return ids;
}

/**
 * Creates many interactions at once through replication's push, as a device that worked offline
 * would: one request per thousand, rather than one each. Returns their ids. A record's id and Yjs
 * history follow from its site and title, so pushing the same records again (a retried test)
 * changes nothing on the server instead of adding a second copy of each.
 */
export async function pushToServer(
  request: APIRequestContext,
  options: { author: DemoUser; siteId: string; interactions: SeedInteraction[] }
): Promise<string[]> {
  const token = await tokenFor(request, options.author);
  const now = new Date().toISOString();
  const documents = options.interactions.map((interaction) => {
    const digest = createHash('sha256').update(`${options.siteId}/${interaction.title}`).digest();
    const id = uuidFrom(digest);
    const fields = interactionFields(interaction, options.author);
    const doc = createInteractionDoc(fields, { guid: id, clientId: digest.readUInt32BE(16) });
    const crdt = Buffer.from(encodeInteractionState(doc)).toString('base64');
    return { id, siteId: options.siteId, crdt, updatedAt: now };
  });
  for (let start = 0; start < documents.length; start += 1_000) {
    const batch = documents.slice(start, start + 1_000);
    const response = await request.post(`/api/sync/${options.siteId}/push`, {
      headers: { authorization: `Bearer ${token}` },
      data: batch.map((newDocumentState) => ({ assumedMasterState: null, newDocumentState }))
    });
    const body = (await response.json()) as { refused?: unknown[] };
    if (!response.ok() || body.refused?.length) throw new Error(`push failed: ${response.status()} ${JSON.stringify(body)}`);
  }
  return documents.map((document) => document.id);
}

/** A version-4-shaped uuid made of the digest's first 16 bytes. */
function uuidFrom(digest: Buffer): string {
  const bytes = Buffer.from(digest.subarray(0, 16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
