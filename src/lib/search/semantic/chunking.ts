import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';

// About 100 to 150 tokens: well inside what small sentence encoders read (MiniLM stops at 256),
// and short enough that one topic in long notes is not averaged away by the rest.
const CHUNK_SIZE = 600;
const CHUNK_OVERLAP = 80;

const splitter = new RecursiveCharacterTextSplitter({ chunkSize: CHUNK_SIZE, chunkOverlap: CHUNK_OVERLAP });

/**
 * The pieces of a record's text that are embedded one by one; a record then scores as its best
 * piece. The first line (the title) leads every later piece too, so a piece of notes is still
 * read as part of its meeting.
 */
export async function chunkForEmbedding(text: string): Promise<string[]> {
  if (text.length <= CHUNK_SIZE) return [text];
  const pieces = await splitter.splitText(text);
  const newline = text.indexOf('\n');
  if (newline === -1) return pieces;
  const title = text.slice(0, newline);
  return pieces.map((piece) => (piece.startsWith(title) ? piece : `${title}\n${piece}`));
}
