import { setTimeout as sleep } from 'node:timers/promises';
import * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { MESSAGE_SYNC, syncStep1Message, syncStep2Message, updateMessage } from '../../sync-server/collab/protocol';
import type { Random } from '../../sync-server/demo/random';
import type { Recorder } from './recorder';

const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
/** A short burst of typing into an open form: a sentence or two, at a person's pace. */
const KEYSTROKES = { min: 10, max: 40 };
const KEYSTROKE_GAP_MS = { min: 100, max: 300 };
const CLOSE_TIMEOUT_MS = 5_000;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz ';

export interface LiveEditOptions {
  /** The room's URL, token included: /api/yjs/:siteId/:interactionId?token=… on ws://. */
  roomUrl: string;
  random: Random;
  recorder: Recorder;
  /** performance.now() after which no further keystroke is typed. */
  deadline: number;
}

/**
 * A person with a record's form open online: the socket syncs (sync step 1 out, step 2 back, timed
 * as `live-open`), answers the server's own step 1, types a burst of characters into the notes one
 * update each, and leaves. The room writes the typing to the database half a second after it stops,
 * which every stream of the site then carries. Any close the device did not ask for is an error.
 */
export async function editLive(options: LiveEditOptions): Promise<void> {
  const { random, recorder } = options;
  const ws = new WebSocket(options.roomUrl, { perMessageDeflate: false });
  const doc = new Y.Doc();
  // Until it has synced, a failure is the `live-open` error the timing records; after, `live`.
  let open = false;
  let leaving = false;
  const closed = new Promise<void>((resolve) => {
    ws.on('close', (code, reason) => {
      if (open && !leaving) recorder.error('live', new Error(`the server closed the socket: ${code} ${reason.toString()}`));
      resolve();
    });
  });
  ws.on('error', (error) => {
    if (open && !leaving) recorder.error('live', error);
  });
  try {
    open = (await recorder.time('live-open', () => sync(ws, doc).then(() => true))) ?? false;
    if (!open) return;
    const text = doc.getText('notes');
    const keystrokes = random.int(KEYSTROKES.min, KEYSTROKES.max);
    for (let typed = 0; typed < keystrokes && ws.readyState === WebSocket.OPEN; typed++) {
      const gap = random.int(KEYSTROKE_GAP_MS.min, KEYSTROKE_GAP_MS.max);
      if (performance.now() + gap > options.deadline) break;
      await sleep(gap);
      const before = Y.encodeStateVector(doc);
      text.insert(text.length, LETTERS[random.int(0, LETTERS.length - 1)]);
      ws.send(updateMessage(Y.encodeStateAsUpdate(doc, before)));
      recorder.count('keystrokes');
    }
  } finally {
    leaving = true;
    if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.close(1000);
    const timer = setTimeout(() => ws.terminate(), CLOSE_TIMEOUT_MS);
    await closed;
    clearTimeout(timer);
    doc.destroy();
  }
}

/** Resolves once the server's state (its sync step 2) has been applied; answers its step 1 meanwhile. */
function sync(ws: WebSocket, doc: Y.Doc): Promise<void> {
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.once('close', (code) => reject(new Error(`closed ${code} before syncing`)));
    ws.once('open', () => ws.send(syncStep1Message(Y.encodeStateVector(doc))));
    ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (step === SYNC_STEP_1) ws.send(syncStep2Message(Y.encodeStateAsUpdate(doc, payload)));
      else {
        Y.applyUpdate(doc, payload, 'server');
        if (step === SYNC_STEP_2) resolve();
      }
    });
  });
}
