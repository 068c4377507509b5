import { readFile } from 'node:fs/promises';

// USER_HZ: the unit of the times in /proc/<pid>/stat; 100 on every Linux build Node supports.
const TICKS_PER_SECOND = 100;

/** User plus system CPU time `pid` has used so far, in seconds, from /proc/<pid>/stat. */
export async function cpuSecondsOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}
