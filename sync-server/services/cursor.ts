import { HttpError } from '../http-errors';

/**
 * Page cursors are opaque to clients: base64url JSON of the position after which the next page
 * starts, tagged with what it belongs to, so a cursor from another sort or query is refused.
 */
export function encodeCursor(tag: string, position: unknown[]): string {
  return Buffer.from(JSON.stringify([tag, ...position])).toString('base64url');
}

/**
 * The position in a cursor, refused unless `isPosition` accepts it: a client can hand back anything,
 * and a value the query cannot compare would fail in the database (a 500) instead of here (a 400).
 */
export function decodeCursor<Position extends unknown[]>(
  tag: string,
  cursor: string,
  isPosition: (position: unknown[]) => position is Position
): Position {
  try {
    const [cursorTag, ...position] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (cursorTag === tag && isPosition(position)) return position;
  } catch {
    // Falls through to the same answer as a cursor of another query.
  }
  throw new HttpError(400, 'INVALID_CURSOR', 'The cursor does not belong to this query; start again from the first page.', [
    { field: 'cursor', message: 'This cursor is not valid for this query.' }
  ]);
}
