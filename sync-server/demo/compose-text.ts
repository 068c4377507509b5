import { CLOSERS, GENERIC_NOTES, OPENERS, REMOTE_LOCATIONS, TITLE_PREFIXES } from './catalogue';
import type { Random } from './random';
import type { TemplateFiller } from './template';
import type { InteractionType, Topic } from './topic';

export interface ComposeTextOptions {
  topic: Topic;
  type: InteractionType;
  random: Random;
  filler: TemplateFiller;
}

export interface ComposedText {
  title: string;
  description: string;
  notes: string | null;
  location: string | null;
}

// How often an interaction of each type happens away from any of the topic's places.
const REMOTE_SHARE: Readonly<Record<InteractionType, number>> = {
  Meeting: 0.2,
  Call: 0.9,
  Email: 1,
  'Site visit': 0,
  Workshop: 0.15,
  Other: 0.4
};

/** Writes the text fields of one interaction about `topic`. */
export function composeText(options: ComposeTextOptions): ComposedText {
  const { random } = options;
  return {
    title: composeTitle(options),
    description: composeDescription(options),
    notes: random.chance(0.6) ? composeNotes(options) : null,
    location: random.chance(0.75) ? composeLocation(options) : null
  };
}

function composeTitle({ topic, type, random, filler }: ComposeTextOptions): string {
  const title = filler.fill(random.pick(topic.titles));
  return random.chance(0.2) ? random.pick(TITLE_PREFIXES[type]) + title : title;
}

function composeDescription({ topic, type, random, filler }: ComposeTextOptions): string {
  const { sentenceCount, paragraphCount } = descriptionShape(random);
  const sentences = random.shuffle(topic.descriptions).slice(0, sentenceCount);
  if (random.chance(0.4)) sentences.unshift(random.pick(OPENERS[type]));
  if (sentenceCount > 1 && random.chance(0.3)) sentences.push(random.pick(CLOSERS));

  const perParagraph = Math.ceil(sentences.length / paragraphCount);
  const paragraphs: string[] = [];
  for (let i = 0; i < sentences.length; i += perParagraph) {
    paragraphs.push(sentences.slice(i, i + perParagraph).map((sentence) => filler.fill(sentence)).join(' '));
  }
  return paragraphs.join('\n\n');
}

// Real records range from a one-line reminder to a few paragraphs of minutes; search has to cope
// with both, so the demo has both.
function descriptionShape(random: Random): { sentenceCount: number; paragraphCount: number } {
  const shape = random.weighted([
    ['one line', 25],
    ['short', 35],
    ['long', 28],
    ['minutes', 12]
  ] as const);
  switch (shape) {
    case 'one line':
      return { sentenceCount: 1, paragraphCount: 1 };
    case 'short':
      return { sentenceCount: random.int(2, 3), paragraphCount: 1 };
    case 'long':
      return { sentenceCount: random.int(4, 6), paragraphCount: random.int(1, 2) };
    case 'minutes':
      return { sentenceCount: random.int(7, 10), paragraphCount: random.int(2, 4) };
  }
}

function composeNotes({ topic, random, filler }: ComposeTextOptions): string {
  const items = random.shuffle(topic.notes).slice(0, random.int(1, 3));
  if (random.chance(0.35)) items.push(random.pick(GENERIC_NOTES));
  const filled = items.map((item) => filler.fill(item));
  const style = random.weighted([
    ['bullets', 40],
    ['lines', 25],
    ['prose', 35]
  ] as const);
  if (style === 'bullets') return filled.map((item) => `- ${item}`).join('\n');
  return filled.join(style === 'lines' ? '\n' : ' ');
}

function composeLocation({ topic, type, random, filler }: ComposeTextOptions): string {
  const remote = REMOTE_LOCATIONS[type];
  if (remote.length > 0 && random.chance(REMOTE_SHARE[type])) return random.pick(remote);
  return filler.fill(random.pick(topic.locations));
}
