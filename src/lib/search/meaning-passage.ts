import { semanticText, type SemanticFields } from './semantic/record-text';

/**
 * The text of the passage that matched a meaning search (`SemanticHit.passage`), as the row's
 * snippet shows it: the title, type and location lines are left out, since the row shows them.
 * Undefined when the record's text has changed so that it no longer has that passage.
 */
export async function meaningPassage(record: SemanticFields, passage: number): Promise<string | undefined> {
  // Loaded on the first meaning match only: the text splitter is not part of the page's first load.
  const { chunkForEmbedding } = await import('./semantic/chunking');
  const text = (await chunkForEmbedding(semanticText(record)))[passage];
  if (text === undefined) return undefined;
  const shown = new Set([record.title, record.type, record.location].map((part) => part?.trim()).filter(Boolean));
  const lines = text.split('\n').map((line) => line.trim());
  return lines.filter((line) => line && !shown.has(line)).join(' ') || undefined;
}
