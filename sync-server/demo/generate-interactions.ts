import { uuidv7, type Interaction, type InteractionFields } from '../../src/lib/domain';
import { createInteractionDoc, encodeInteractionState } from '../../src/lib/domain/crdt';
import { TOPICS } from './catalogue';
import { composeText } from './compose-text';
import {
  DEMO_SITES,
  DEMO_USERS,
  LEEDS,
  NAIROBI,
  TORONTO,
  type DemoSite,
  type DemoUser
} from './demo-directory';
import { Random } from './random';
import { pickSchedule } from './schedule';
import { siteSlots, siteStaff } from './site-vocabulary';
import { TemplateFiller, type Slots } from './template';

export const DEFAULT_SEED = 1;
/** Fixed, so the same seed gives the same records whatever day it is run. */
export const DEFAULT_NOW = '2026-11-01T00:00:00.000Z';

export interface GenerateInteractionsOptions {
  count: number;
  seed?: number;
  /** The end of the two years the interactions are spread over. */
  now?: string | Date;
}

/** A complete row: the record plus its encoded CRDT state. */
export interface DemoInteraction extends Interaction {
  crdt: Uint8Array;
}

export interface GeneratedInteraction {
  interaction: DemoInteraction;
  /** Which catalogue topic the text was written from; for evaluations, never stored. */
  topicId: string;
}

interface SitePlan {
  site: DemoSite;
  slots: Slots;
  staff: readonly string[];
  creators: readonly (readonly [DemoUser, number])[];
}

// The busiest site has most of the records, so a site switch shows different volumes.
const SITE_WEIGHTS: Readonly<Record<string, number>> = { [LEEDS.id]: 5, [TORONTO.id]: 3, [NAIROBI.id]: 2 };

/**
 * Yields `count` demo interactions, one at a time so that 100,000 of them never sit in memory
 * together. The same options always yield the same records, byte for byte.
 */
export function* generateInteractions(options: GenerateInteractionsOptions): Generator<GeneratedInteraction> {
  const random = new Random(options.seed ?? DEFAULT_SEED);
  const nowMs = new Date(options.now ?? DEFAULT_NOW).getTime();
  const plans = DEMO_SITES.map((site) => [sitePlan(site), SITE_WEIGHTS[site.id]] as const);

  for (let i = 0; i < options.count; i++) {
    const plan = random.weighted(plans);
    const creator = random.weighted(plan.creators);
    const topic = random.pick(TOPICS);
    const type = random.weighted(topic.types);
    const schedule = pickSchedule({ random, type, homeTimeZone: plan.site.homeTimeZone, nowMs });
    const filler = new TemplateFiller((name) => topic.slots[name] ?? plan.slots[name], {
      random,
      start: new Date(schedule.start)
    });
    const text = composeText({ topic, type, random, filler });
    const fields: InteractionFields = {
      title: text.title,
      type,
      lead: random.chance(0.3) ? creator.name : random.pick(plan.staff),
      startDatetime: new Date(schedule.start).toISOString(),
      endDatetime: new Date(schedule.end).toISOString(),
      timezone: schedule.timeZone,
      location: text.location,
      description: text.description,
      notes: text.notes
    };
    const id = uuidv7({ timeMs: schedule.createdAt, fillRandom: random.fillRandom });
    const createdAt = new Date(schedule.createdAt).toISOString();
    yield {
      topicId: topic.id,
      interaction: {
        id,
        siteId: plan.site.id,
        createdBy: creator.id,
        // Created once and never edited, matching the single 'create' entry in the history.
        createdAt,
        updatedAt: createdAt,
        deleted: false,
        ...fields,
        // A seeded client id: Yjs would pick a random one and the state would differ on every run.
        crdt: encodeInteractionState(createInteractionDoc(fields, { guid: id, clientId: random.uint32() }))
      }
    };
  }
}

function sitePlan(site: DemoSite): SitePlan {
  // Front-line users record more than the admins who also belong to the site; viewers record nothing.
  const creators = DEMO_USERS.flatMap((user): (readonly [DemoUser, number])[] => {
    const role = user.memberships.find((membership) => membership.siteId === site.id)?.role;
    if (role === 'user') return [[user, 2]];
    if (role === 'admin') return [[user, 1]];
    return [];
  });
  return { site, slots: siteSlots(site.id), staff: siteStaff(site.id), creators };
}
