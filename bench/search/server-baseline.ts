import { summarise, type Summary } from '../browser/stats';

/**
 * The same queries through the server's Postgres full-text search over loopback, one at a time as
 * one person typing would send them: what a search costs without a local index.
 */
export async function measureServerSearch(options: {
  url: string;
  token: string;
  queries: readonly string[];
}): Promise<Summary> {
  const ask = async (query: string) => {
    const response = await fetch(`${options.url}/api/search/interactions?q=${encodeURIComponent(query)}&limit=20`, {
      headers: { authorization: `Bearer ${options.token}` }
    });
    if (!response.ok) throw new Error(`search for “${query}” answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  };
  for (const query of options.queries) await ask(query);
  const times: number[] = [];
  for (const query of options.queries) {
    const started = performance.now();
    await ask(query);
    times.push(performance.now() - started);
  }
  return summarise(times);
}
