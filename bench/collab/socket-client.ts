import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { syncStep1Message, syncStep2Message, updateMessage } from '../../sync-server/collab/protocol';
import type { Dialect } from './dialects';
import type { EditingClient } from './editing-client';

const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;

/**
 * One editor on a bare socket, doing what a Yjs provider does on the wire: sync step 1 on open,
 * step 2 in answer to the server's step 1, its own edits as updates. Resolved once the server's
 * first state (its step 2) is applied. Unlike a provider it applies only that state, not the
 * updates relayed to it, which are read for their keys alone: the load generator shares two cores
 * with the server, and what is measured is the server. `initialState`, when given, is in the
 * editor's document from the start, and so reaches a server that lacks it with the step 2.
 */
export async function connectSocketEditor(url: string, dialect: Dialect, initialState?: Uint8Array): Promise<EditingClient> {
  const ws = new WebSocket(url);
  const doc = new Y.Doc();
  if (initialState) Y.applyUpdate(doc, initialState);
  const text = doc.getText('notes');
  let onRelayed: (update: Uint8Array) => void = () => undefined;
  await new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.once('close', (code, reason) => reject(new Error(`the server closed the socket (${code} ${reason})`)));
    ws.once('open', () => {
      for (const message of dialect.greeting) ws.send(message);
      ws.send(dialect.wrap(syncStep1Message(Y.encodeStateVector(doc))));
    });
    let synced = false;
    ws.on('message', (data: Buffer) => {
      let message;
      try {
        message = dialect.unwrap(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      } catch (error) {
        reject(error);
        return;
      }
      if (!message) return;
      if (message.step === SYNC_STEP_1) {
        ws.send(dialect.wrap(syncStep2Message(Y.encodeStateAsUpdate(doc, message.payload))));
      } else if (!synced && message.step === SYNC_STEP_2) {
        Y.applyUpdate(doc, message.payload);
        synced = true;
        resolve();
      } else {
        onRelayed(message.payload);
      }
    });
  });
  return {
    type() {
      const clock = Y.getState(doc.store, doc.clientID);
      const before = Y.encodeStateVector(doc);
      text.insert(text.length, 'ab');
      ws.send(dialect.wrap(updateMessage(Y.encodeStateAsUpdate(doc, before))));
      return `${doc.clientID}:${clock}`;
    },
    onRemoteUpdate(listener) {
      onRelayed = (update) => listener(Y.parseUpdateMeta(update).from);
    },
    notesLength: () => text.length,
    close() {
      ws.close();
    }
  };
}
