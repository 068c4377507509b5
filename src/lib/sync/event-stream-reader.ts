/** One server-sent event: its name ('message' unless the server named it) and its data. */
export interface ServerSentEvent {
  event: string;
  data: string;
}

/**
 * Reads a text/event-stream body event by event. The browser's EventSource cannot send an
 * Authorization header, and Node has none, so streams are read from fetch responses with this.
 * Resolves when the body ends; rejects when it breaks. `onActivity` hears every chunk, comments
 * (heartbeats) included, so a caller can tell a quiet stream from a dead one.
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: ServerSentEvent) => void,
  onActivity?: () => void
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  let event = 'message';
  let data: string[] = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      onActivity?.();
      buffered += decoder.decode(value, { stream: true });
      const lines = buffered.split(/\r\n|\r|\n/);
      // The last piece may be a line cut in half; it waits for the rest.
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line === '') {
          if (data.length > 0) onEvent({ event, data: data.join('\n') });
          event = 'message';
          data = [];
        } else if (!line.startsWith(':')) {
          const colon = line.indexOf(':');
          const field = colon === -1 ? line : line.slice(0, colon);
          const text = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'data') data.push(text);
          else if (field === 'event') event = text;
        }
      }
    }
  } finally {
    reader.releaseLock();
  }
}
