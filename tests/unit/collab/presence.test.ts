import { describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { announceField, announcePresence, colorFor, initialsOf, othersPresent } from '$lib/collab/presence';

function peers(): [Awareness, Awareness] {
  return [new Awareness(new Y.Doc()), new Awareness(new Y.Doc())];
}

function send(from: Awareness, to: Awareness): void {
  applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [from.clientID]), 'test');
}

describe('presence', () => {
  it('lists the other people with their initials and the field they are in', () => {
    const [ada, ben] = peers();
    announcePresence(ada, { user: { id: 'ada', name: 'Ada Lovelace', color: colorFor('ada') }, field: null });
    announcePresence(ben, { user: { id: 'ben', name: 'Ben Carter', color: colorFor('ben') }, field: null });
    announceField(ben, 'notes');
    send(ben, ada);

    expect(othersPresent(ada)).toEqual([
      { clientId: ben.clientID, name: 'Ben Carter', initials: 'BC', color: colorFor('ben'), field: 'notes' }
    ]);
    ada.destroy();
    ben.destroy();
  });

  it('drops a person who left', () => {
    const [ada, ben] = peers();
    announcePresence(ben, { user: { id: 'ben', name: 'Ben', color: '#123456' }, field: 'title' });
    send(ben, ada);
    expect(othersPresent(ada)).toHaveLength(1);
    ben.setLocalState(null);
    send(ben, ada);
    expect(othersPresent(ada)).toEqual([]);
    ada.destroy();
    ben.destroy();
  });

  it('skips malformed states and replaces a colour that is not one', () => {
    const [ada, mallory] = peers();
    mallory.setLocalState({ user: { name: 42 } });
    send(mallory, ada);
    expect(othersPresent(ada)).toEqual([]);
    mallory.setLocalState({ user: { name: 'Mal', color: 'red;background:url(x)' }, field: 7 });
    send(mallory, ada);
    const [shown] = othersPresent(ada);
    expect(shown.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(shown.field).toBeNull();
    ada.destroy();
    mallory.destroy();
  });

  it('derives initials from names and addresses', () => {
    expect(initialsOf('Ada King Lovelace')).toBe('AL');
    expect(initialsOf('ben@example.org')).toBe('BO');
    expect(initialsOf('cleo')).toBe('C');
    expect(initialsOf('  ')).toBe('?');
  });

  it('gives one person the same colour every time', () => {
    expect(colorFor('user-1')).toBe(colorFor('user-1'));
  });
});
