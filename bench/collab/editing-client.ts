/**
 * One co-editor of the workload, whatever server and wire protocol it speaks: it types, and it
 * reports the updates the server relays to it, by the (client id, clock) each starts at.
 */
export interface EditingClient {
  /** Types two characters at the end of `notes` and sends the update; returns its key `clientId:clock`. */
  type(): string;
  /** Calls `listener` with the start (client id → clock) of every update the server relays. */
  onRemoteUpdate(listener: (from: Map<number, number>) => void): void;
  /** Length of `notes` as this client holds it: the server's state when it connected, plus its own typing. */
  notesLength(): number;
  close(): void;
}

/** Opens one editor on the workload's document (or on idle room `room`), resolved once synced. */
export type ConnectEditor = (room: string) => Promise<EditingClient>;
