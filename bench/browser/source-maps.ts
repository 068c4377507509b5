import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where a position of a built script came from. */
export interface SourcePosition {
  source: string;
  /** 1-based, as editors count. */
  line: number;
  /** The original name at that position, when the map records one. */
  name?: string;
}

/** Maps positions of built scripts back to the sources, for a readable CPU profile. */
export type SourceResolver = (path: string, line: number, column: number) => SourcePosition | undefined;

interface RawSourceMap {
  sources: string[];
  names: string[];
  mappings: string;
}

/** [generated column, source index, original line, original column, name index?] */
type Segment = [number, number, number, number, number?];

/**
 * A resolver over the `.map` files beside the built scripts in `staticDir` (a build with hidden
 * source maps); a script without one is left as it is.
 */
export async function sourceResolver(staticDir: string, paths: Iterable<string>): Promise<SourceResolver> {
  const maps = new Map<string, { map: RawSourceMap; lines: Segment[][] }>();
  for (const path of new Set(paths)) {
    try {
      const map = JSON.parse(await readFile(join(staticDir, `${path}.map`), 'utf8')) as RawSourceMap;
      maps.set(path, { map, lines: decodeMappings(map.mappings) });
    } catch {
      // No map for this script (a worker, the bench's own pages): shown as built.
    }
  }
  return (path, line, column) => {
    const found = maps.get(path);
    const segments = found?.lines[line];
    if (!found || !segments) return undefined;
    let match: Segment | undefined;
    for (const segment of segments) {
      if (segment[0] > column) break;
      match = segment;
    }
    if (!match) return undefined;
    const source = found.map.sources[match[1]].replace(/^(\.\.\/)+/, '');
    return { source, line: match[2] + 1, name: match[4] === undefined ? undefined : found.map.names[match[4]] };
  };
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Source map v3 mappings: per generated line, segments of base64 VLQ deltas. */
function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let source = 0;
  let originalLine = 0;
  let originalColumn = 0;
  let name = 0;
  for (const line of mappings.split(';')) {
    const segments: Segment[] = [];
    let column = 0;
    for (const encoded of line.split(',')) {
      if (!encoded) continue;
      const fields = decodeVlq(encoded);
      column += fields[0];
      if (fields.length < 4) continue;
      source += fields[1];
      originalLine += fields[2];
      originalColumn += fields[3];
      if (fields.length > 4) name += fields[4];
      segments.push(fields.length > 4 ? [column, source, originalLine, originalColumn, name] : [column, source, originalLine, originalColumn]);
    }
    lines.push(segments);
  }
  return lines;
}

function decodeVlq(encoded: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of encoded) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}
