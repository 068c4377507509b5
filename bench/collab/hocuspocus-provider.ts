import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { WebSocket } from 'ws';
import * as Y from 'yjs';

/**
 * The length of `notes` in a Hocuspocus document as Hocuspocus's own provider reads it (`ws`
 * standing in for the browser's WebSocket on Node 20, no awareness): the check that the workload,
 * which speaks its wire format from bare sockets, left the document a real editor would see.
 */
export async function readNotesLengthWithProvider(serverUrl: string, documentName: string): Promise<number> {
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url: serverUrl, WebSocketPolyfill: WebSocket });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: documentName, document: doc, awareness: null });
  // A provider given its socket waits to be attached to it.
  provider.attach();
  try {
    await new Promise<void>((resolve, reject) => {
      provider.on('synced', () => resolve());
      provider.on('authenticationFailed', ({ reason }: { reason: string }) => reject(new Error(`Hocuspocus refused the provider: ${reason}`)));
    });
    return doc.getText('notes').length;
  } finally {
    provider.destroy();
    socket.destroy();
  }
}
