/**
 * Every close code the live-editing socket uses, in one table, so the server, its tests and the
 * README say the same thing. The y-websocket client stops reconnecting on 4400–4499 (a verdict that
 * reconnecting cannot change) and reconnects on anything else, so each code's range is a decision.
 */
export const CLOSE = {
  /** The server is shutting down; reconnect (to another instance). */
  GOING_AWAY: { code: 1001, reason: 'server shutting down' },
  /** A message over MAX_MESSAGE_BYTES; `ws` sends this itself when its maxPayload is exceeded. */
  MESSAGE_TOO_BIG: { code: 1009, reason: 'message too big' },
  /** Not a y-websocket message, or a Yjs update or awareness update that cannot be read or applied. */
  BAD_MESSAGE: { code: 4400, reason: 'malformed message' },
  /** No token, or a token that does not verify. */
  UNAUTHENTICATED: { code: 4401, reason: 'sign in' },
  /**
   * The token the socket was opened with reached its `exp`. 4401 like any other token refusal: the
   * app's client answers every 4401 after a finished sync by reconnecting once with a fresh token
   * (src/lib/collab/live-connection.ts), and a client that has none stops, as it should.
   */
  TOKEN_EXPIRED: { code: 4401, reason: 'token expired' },
  /** Not a member of the site, or no such record in it. */
  FORBIDDEN: { code: 4403, reason: 'forbidden' },
  /** A viewer sent an update that would change the document. */
  VIEWER_EDIT: { code: 4403, reason: 'viewers cannot edit' },
  /** Sign-in cannot be checked right now (the issuer's keys are unreachable); try again. */
  AUTH_UNAVAILABLE: { code: 4503, reason: 'sign-in unavailable' },
  /** The client read too slowly and its outgoing buffer passed MAX_BUFFERED_BYTES; reconnecting resyncs it. */
  SLOW_CONSUMER: { code: 4508, reason: 'too far behind' },
  /** Another peer's update broke the room, which was reloaded from the database; reconnect. */
  ROOM_RELOAD: { code: 1012, reason: 'room reloaded' },
  /** Unexpected trouble loading or serving the room; reconnecting starts afresh. */
  INTERNAL: { code: 1011, reason: 'internal error' }
} as const;

export type CloseReason = (typeof CLOSE)[keyof typeof CLOSE];

/** Bytes one incoming message may have: far above any keystroke, below what could hurt the process. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
/** Bytes a socket may have waiting to be sent before its client counts as too slow. */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
