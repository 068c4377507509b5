/** The parts of an interaction whose meaning is searched; a lead is a name and carries none. */
export interface SemanticFields {
  title: string;
  type: string;
  location: string | null;
  description: string;
  notes: string | null;
}

/** One record as the semantic index sees it: its id, the text to embed, and its age for ordering. */
export interface SemanticRecord {
  id: string;
  text: string;
  /** ISO instant of the last change; the newest records are embedded first. */
  updatedAt: string;
}

/** The text a record is embedded from. Its hash decides whether stored vectors are still current. */
export function semanticText(fields: SemanticFields): string {
  return [fields.title, fields.type, fields.location, fields.description, fields.notes]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join('\n');
}

/** SHA-256 of the text, hex; Web Crypto exists in browsers, workers and Node alike. */
export async function textHash(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
