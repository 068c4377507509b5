import type { Random } from './random';

/**
 * Text templates with `{slot}` placeholders. A slot is either a list of values (which may hold
 * slots themselves) or a generated value such as an amount or a date.
 */

export interface SlotContext {
  random: Random;
  /** The interaction's start, so generated dates fall after it. */
  start: Date;
}

export interface GeneratedSlot {
  /** The longest text `render` can return, so template lengths can be bounded (title <= 100). */
  maxLength: number;
  render(context: SlotContext): string;
}

export type SlotSource = readonly string[] | GeneratedSlot;
export type Slots = Readonly<Record<string, SlotSource>>;
export type SlotLookup = (name: string) => SlotSource | undefined;

const SLOT = /\{(\w+)\}/g;

/**
 * Fills templates for one record. A slot keeps its first value for the whole record, so the supplier
 * named in the title is the one the description talks about.
 */
export class TemplateFiller {
  private readonly chosen = new Map<string, string>();

  constructor(
    private readonly lookup: SlotLookup,
    private readonly context: SlotContext
  ) {}

  fill(template: string): string {
    return template.replace(SLOT, (_, name: string) => this.value(name));
  }

  private value(name: string): string {
    const known = this.chosen.get(name);
    if (known !== undefined) return known;
    const source = requireSlot(this.lookup, name);
    const value = isGenerated(source)
      ? source.render(this.context)
      : this.fill(this.context.random.pick(source));
    this.chosen.set(name, value);
    return value;
  }
}

/** The longest text `template` can become, taking the longest value of every slot. */
export function maxFilledLength(template: string, lookup: SlotLookup): number {
  let length = template.replace(SLOT, '').length;
  for (const [, name] of template.matchAll(SLOT)) {
    const source = requireSlot(lookup, name);
    length += isGenerated(source)
      ? source.maxLength
      : Math.max(...source.map((value) => maxFilledLength(value, lookup)));
  }
  return length;
}

function requireSlot(lookup: SlotLookup, name: string): SlotSource {
  const source = lookup(name);
  // A typo in a template should fail the catalogue test, not print "{supplier}" into demo data.
  if (source === undefined) throw new Error(`Template slot {${name}} has no values.`);
  return source;
}

function isGenerated(source: SlotSource): source is GeneratedSlot {
  return !Array.isArray(source);
}
