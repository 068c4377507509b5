import { describe, expect, it } from 'vitest';
import { meaningPassage } from '$lib/search/meaning-passage';
import { chunkForEmbedding } from '$lib/search/semantic/chunking';
import { semanticText } from '$lib/search/semantic/record-text';

const record = {
  title: 'Boiler breakdown at the library',
  type: 'Site visit',
  location: 'Harehills Library',
  description: 'The boiler failed on Monday and the reading room was cold all week. '.repeat(6),
  notes: 'The engineer fitted a new pump and the radiators came back on. '.repeat(6)
};

describe('meaningPassage', () => {
  it('gives the text of the chunk that matched, without the title, type and location the row shows', async () => {
    const chunks = await chunkForEmbedding(semanticText(record));
    expect(chunks.length).toBeGreaterThan(1);
    const last = await meaningPassage(record, chunks.length - 1);
    expect(last).toContain('radiators came back on');
    expect(last).not.toContain(record.title);
    const first = await meaningPassage(record, 0);
    expect(first?.startsWith('The boiler failed on Monday')).toBe(true);
    expect(first).not.toContain('Harehills Library');
  });

  it('gives nothing for a passage the record no longer has', async () => {
    expect(await meaningPassage({ ...record, notes: null, description: 'Short now.' }, 3)).toBeUndefined();
  });
});
