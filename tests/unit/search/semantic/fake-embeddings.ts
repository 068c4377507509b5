import { Embeddings } from '@langchain/core/embeddings';

/**
 * A deterministic stand-in for a sentence encoder: a bag of words hashed into a few dimensions,
 * normalised. Texts sharing words are similar; it also counts what it was asked to embed.
 */
export class FakeEmbeddings extends Embeddings {
  readonly embedded: string[] = [];
  readonly queries: string[] = [];

  constructor(readonly dims = 512) {
    super({ maxRetries: 0 });
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    this.embedded.push(...texts);
    return texts.map((text) => this.vector(text));
  }

  async embedQuery(text: string): Promise<number[]> {
    this.queries.push(text);
    return this.vector(text);
  }

  vector(text: string): number[] {
    const vector = new Array<number>(this.dims).fill(0);
    for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) {
      let hash = 0;
      for (const char of word) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
      vector[hash % this.dims] += 1;
    }
    const length = Math.hypot(...vector) || 1;
    return vector.map((value) => value / length);
  }
}
