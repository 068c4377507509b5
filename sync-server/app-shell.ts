import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface AppShell {
  root: string;
  /** CSP source expressions for the inline scripts SvelteKit writes into index.html. */
  inlineScriptHashes: string[];
}

/** The built app's folder and what the CSP must allow of it; undefined when there is no build. */
export function readAppShell(staticDir: string): AppShell | undefined {
  const root = resolve(staticDir);
  const indexPath = resolve(root, 'index.html');
  if (!existsSync(indexPath)) return undefined;
  const html = readFileSync(indexPath, 'utf8');
  const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]);
  return {
    root,
    inlineScriptHashes: inlineScripts.map((script) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`)
  };
}
