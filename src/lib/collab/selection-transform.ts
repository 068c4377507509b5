/** One step of a Y.Text change, as Yjs reports it in `YTextEvent.delta`. */
export interface TextDeltaStep {
  retain?: number;
  insert?: unknown;
  delete?: number;
}

export interface TextSelection {
  start: number;
  end: number;
}

/**
 * Where a caret index lands after someone else's change to the text. Text inserted exactly at the
 * caret stays after it, so two people typing at the same spot each keep writing their own words
 * instead of leapfrogging each other; a deletion around the caret collapses it to where it began.
 */
export function transformIndex(caret: number, delta: readonly TextDeltaStep[]): number {
  // Positions count characters of the text before the change.
  let position = 0;
  let shift = 0;
  for (const step of delta) {
    if (position > caret) break;
    if (step.retain !== undefined) {
      position += step.retain;
    } else if (step.insert !== undefined) {
      if (position < caret) shift += typeof step.insert === 'string' ? step.insert.length : 1;
    } else if (step.delete !== undefined) {
      shift -= Math.min(step.delete, Math.max(0, caret - position));
      position += step.delete;
    }
  }
  return caret + shift;
}

/** A selection carried through a change, both ends moved as a caret would be. */
export function transformSelection(selection: TextSelection, delta: readonly TextDeltaStep[]): TextSelection {
  const start = transformIndex(selection.start, delta);
  const end = selection.end === selection.start ? start : transformIndex(selection.end, delta);
  return { start, end: Math.max(start, end) };
}
