import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { BackupError } from './backup-error';

export type PgTool = 'pg_dump' | 'pg_restore';

export interface PgToolRun {
  tool: PgTool;
  args: string[];
  /** The database, passed without its password (which goes in PGPASSWORD, out of `ps`'s sight). */
  databaseUrl?: string;
  /** Each line the tool writes to stderr; `--verbose` makes these its progress. */
  onProgress?: (line: string) => void;
}

// Enough of stderr to explain a failure without flooding the terminal with --verbose chatter.
const KEPT_STDERR_LINES = 12;

/**
 * Runs one of PostgreSQL's client tools from PATH and resolves with what it wrote to stdout; rejects
 * with the tool's own words when it fails.
 */
export function runPgTool(run: PgToolRun): Promise<string> {
  const { args, env } = connectionArguments(run);
  return new Promise((resolve, reject) => {
    const child = spawn(run.tool, [...args, ...run.args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    const recent: string[] = [];
    createInterface({ input: child.stderr }).on('line', (line) => {
      run.onProgress?.(line);
      recent.push(line);
      if (recent.length > KEPT_STDERR_LINES) recent.shift();
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new BackupError(
              `${run.tool} was not found on PATH. Install PostgreSQL's client tools, of the server's major version or newer ` +
                '(Debian: apt-get install postgresql-client), or add their folder to PATH.'
            )
          : error
      );
    });
    child.on('close', (code, signal) => {
      if (code === 0) return resolve(Buffer.concat(stdout).toString('utf8'));
      const why = recent.filter((line) => !isProgress(line)).join('\n  ') || `exit ${code ?? signal}`;
      reject(new BackupError(`${run.tool} failed:\n  ${why}`));
    });
  });
}

/** Names a Postgres database for messages, without the credentials its URL may carry. */
export function databaseLabel(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `Postgres at ${url.host}${url.pathname}`;
}

/** The `--verbose` line naming the table a tool has started on, if this is one. */
export function tableInProgress(line: string): string | undefined {
  return /(?:dumping contents of|processing data for) table "([^"]+)"/.exec(line)?.[1];
}

function isProgress(line: string): boolean {
  return /^pg_(dump|restore): (?!(error|warning|detail|hint):)/.test(line);
}

function connectionArguments(run: PgToolRun): { args: string[]; env: NodeJS.ProcessEnv } {
  if (!run.databaseUrl) return { args: [], env: process.env };
  const url = new URL(run.databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return {
    args: [`--dbname=${url.toString()}`],
    env: password ? { ...process.env, PGPASSWORD: password } : process.env
  };
}
