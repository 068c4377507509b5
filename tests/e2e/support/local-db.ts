import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { build } from 'esbuild';
import { DEMO_USERS, LEEDS } from '../../../sync-server/demo/demo-directory';
import { appAliases } from './app-aliases';
import type { DemoUser } from './session';

const ENTRY = fileURLToPath(new URL('./local-db-entry.ts', import.meta.url));

export const LEEDS_SITE_ID = LEEDS.id;

let bundle: Promise<string> | undefined;

function localDbScript(): Promise<string> {
  bundle ??= build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [appAliases]
  }).then((result) => result.outputFiles[0].text);
  return bundle;
}

export interface SeedInteraction {
  title: string;
  type?: string;
  lead?: string;
  /** ISO 8601 instant; an hour long. */
  start: string;
  location?: string | null;
  description?: string;
  /** IANA zone the record is kept in; London's unless given. */
  timezone?: string;
}

/** The complete fields of a seed interaction, by `author` unless it names its lead. */
export function interactionFields(interaction: SeedInteraction, author: DemoUser) {
  return {
    title: interaction.title,
    type: interaction.type ?? 'Meeting',
    lead: interaction.lead ?? author.name,
    startDatetime: interaction.start,
    endDatetime: new Date(Date.parse(interaction.start) + 3_600_000).toISOString(),
    timezone: interaction.timezone ?? 'Europe/London',
    location: interaction.location ?? null,
    description: interaction.description ?? `About ${interaction.title}.`,
    notes: null
  };
}

/** The demo user's id (sync-server/demo/demo-directory.ts), the author of records they create. */
export function userIdOf(user: DemoUser): string {
  const found = DEMO_USERS.find((candidate) => candidate.email === user.email);
  if (!found) throw new Error(`${user.email} is not a demo user`);
  return found.id;
}

/**
 * Writes interactions into the page's local database of a site through `src/lib/db`'s
 * `createInteraction` (the app's own write path, validation included), as another tab would.
 * Returns their ids. The page must be on the app's origin.
 */
export async function addLocalInteractions(
  page: Page,
  options: { author: DemoUser; siteId?: string; interactions: SeedInteraction[] }
): Promise<string[]> {
  // Evaluated, not added as a <script>: the app's Content-Security-Policy refuses inline scripts.
  await page.evaluate(await localDbScript());
  const inputs = options.interactions.map((interaction) => ({
    siteId: options.siteId ?? LEEDS_SITE_ID,
    userId: userIdOf(options.author),
    fields: interactionFields(interaction, options.author)
  }));
  return page.evaluate(async (records) => {
    const db = window.imsTestDb!;
    const ids: string[] = [];
    for (const record of records) ids.push(await db.create(record));
    await db.close();
    return ids;
  }, inputs);
}
