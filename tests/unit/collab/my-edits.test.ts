import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyInteractionChange, createInteractionDoc, readInteractionFields } from '$lib/domain/crdt';
import { MyEdits } from '$lib/collab/my-edits';
import { validFields } from '../../support/valid-fields';

const MINE = Symbol('my edit');

/** Ada's open form and Ben's replica of the same record, exchanging every update at once. */
function twoPeople() {
  const ada = createInteractionDoc(validFields({ title: 'Quarterly review', type: 'Meeting' }));
  const ben = new Y.Doc();
  Y.applyUpdate(ben, Y.encodeStateAsUpdate(ada));
  ada.on('update', (update: Uint8Array, origin: unknown) => origin !== 'ben' && Y.applyUpdate(ben, update, 'ada'));
  ben.on('update', (update: Uint8Array, origin: unknown) => origin !== 'ada' && Y.applyUpdate(ada, update, 'ben'));
  const undoable: boolean[] = [];
  const mine = new MyEdits(ada, MINE, (canUndo) => undoable.push(canUndo));
  return { ada, ben, mine, undoable };
}

describe('MyEdits', () => {
  it('reverts every edit of this visit, and keeps what someone else typed in the same field', () => {
    const { ada, ben, mine } = twoPeople();
    applyInteractionChange(ada, { title: 'Quarterly review A', notes: 'Mine.' }, MINE);
    applyInteractionChange(ada, { type: 'Call' }, MINE);
    applyInteractionChange(ben, { title: 'Quarterly review A B' }, 'ben-form');
    mine.undoAll();
    expect(readInteractionFields(ada)).toMatchObject({ title: 'Quarterly review B', type: 'Meeting', notes: validFields().notes });
    expect(readInteractionFields(ben)).toEqual(readInteractionFields(ada));
  });

  it('leaves a later choice of someone else’s in place', () => {
    const { ada, ben, mine } = twoPeople();
    applyInteractionChange(ada, { type: 'Call' }, MINE);
    applyInteractionChange(ben, { type: 'Site visit' }, 'ben-form');
    mine.undoAll();
    expect(readInteractionFields(ada).type).toBe('Site visit');
  });

  it('has nothing to undo until the person edits, and nothing after undoing', () => {
    const { ada, ben, mine, undoable } = twoPeople();
    applyInteractionChange(ben, { notes: 'From Ben.' }, 'ben-form');
    expect(mine.canUndo).toBe(false);
    applyInteractionChange(ada, { notes: 'From Ada.' }, MINE);
    expect(mine.canUndo).toBe(true);
    mine.undoAll();
    expect(mine.canUndo).toBe(false);
    expect(readInteractionFields(ada).notes).toBe('From Ben.');
    expect(undoable.at(-1)).toBe(false);
  });
});
