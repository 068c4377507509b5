import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, loadMigrations } from '../../../sync-server/db/migrations';

// The record of every landed migration, in `sha256sum` format so `sha256sum -c` checks it too. A
// database remembers the checksum of each file it applied and refuses to start when one changed;
// this record catches the edit in CI, before any database meets it.
const RECORD_NAME = 'checksums.sha256';
const RECORD_LINE = /^([0-9a-f]{64}) [ *](\S+)$/;

async function readRecord(): Promise<Map<string, string>> {
  const text = await readFile(join(MIGRATIONS_DIR, RECORD_NAME), 'utf8');
  const record = new Map<string, string>();
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    const match = RECORD_LINE.exec(line);
    if (!match) throw new Error(`migrations/${RECORD_NAME} line ${index + 1} is not “<sha256>  <file>”: ${line}`);
    record.set(match[2], match[1]);
  }
  return record;
}

const HOW_TO_ADD = (name: string) =>
  `Record it: (cd migrations && sha256sum ${name} >> ${RECORD_NAME}), and commit the two together.`;

describe(`migrations/${RECORD_NAME}`, () => {
  it('matches every landed migration file byte for byte', async () => {
    const record = await readRecord();
    const files = new Map((await loadMigrations()).map((migration) => [migration.name, migration.checksum]));
    const problems: string[] = [];
    for (const [name, recorded] of record) {
      const actual = files.get(name);
      if (actual === undefined) {
        problems.push(`${name} landed and was removed. Migrations are append-only: restore the file.`);
      } else if (actual !== recorded) {
        problems.push(
          `${name} was edited after it landed. Migrations are append-only: restore it ` +
            `(git checkout -- migrations/${name}) and put the change in a new migration.`
        );
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('records every migration file, so the next edit of one is caught', async () => {
    const record = await readRecord();
    const unrecorded = (await loadMigrations()).map((migration) => migration.name).filter((name) => !record.has(name));
    expect(unrecorded, unrecorded.map((name) => `${name} is new. ${HOW_TO_ADD(name)}`).join('\n')).toEqual([]);
  });
});
