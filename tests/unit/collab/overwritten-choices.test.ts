import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyInteractionChange, createInteractionDoc } from '$lib/domain/crdt';
import { watchOverwrittenChoices, type OverwrittenChoice } from '$lib/collab/overwritten-choices';
import { validFields } from '../../support/valid-fields';

const MINE = Symbol('my edit');

function replicas(): { ada: Y.Doc; ben: Y.Doc; heard: OverwrittenChoice[] } {
  const ada = createInteractionDoc(validFields({ type: 'Meeting' }));
  const ben = new Y.Doc();
  Y.applyUpdate(ben, Y.encodeStateAsUpdate(ada));
  const heard: OverwrittenChoice[] = [];
  watchOverwrittenChoices({
    doc: ada,
    ownOrigins: [MINE],
    nameOf: (clientId) => (clientId === ben.clientID ? 'Ben' : null),
    onOverwritten: (choice) => heard.push(choice)
  });
  return { ada, ben, heard };
}

const sync = (from: Y.Doc, to: Y.Doc) => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'sync');

describe('watchOverwrittenChoices', () => {
  it('tells the person whose choice lost to one made at the same time, and by whom', () => {
    const { ada, ben, heard } = replicas();
    // Yjs keeps the choice of the higher client id; Ben's must win for this case.
    ben.clientID = ada.clientID + 1;
    applyInteractionChange(ada, { type: 'Call' }, MINE);
    applyInteractionChange(ben, { type: 'Site visit' });
    sync(ben, ada);
    expect(heard).toEqual([{ field: 'type', mine: 'Call', kept: 'Site visit', by: 'Ben' }]);
  });

  it('says nothing when the person’s choice is the one kept', () => {
    const { ada, ben, heard } = replicas();
    ben.clientID = ada.clientID - 1;
    applyInteractionChange(ada, { type: 'Call' }, MINE);
    applyInteractionChange(ben, { type: 'Site visit' });
    sync(ben, ada);
    expect(heard).toEqual([]);
  });

  it('says nothing when someone who had seen the choice changed it later', () => {
    const { ada, ben, heard } = replicas();
    applyInteractionChange(ada, { type: 'Call' }, MINE);
    sync(ada, ben);
    applyInteractionChange(ben, { type: 'Site visit' });
    sync(ben, ada);
    expect(heard).toEqual([]);
  });
});
