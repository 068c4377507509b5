import { parseArgs } from 'node:util';
import { loadConfig, type AppConfig } from '../config';
import { migrate } from '../db/migrations';
import { openDatabase } from '../db/open-database';
import { DEFAULT_SEED } from '../demo/generate-interactions';
import { clearAllData, hasAnyData, seedDemoData } from '../demo/seed-demo-data';

// `npm run seed -- --interactions N [--seed S] [--replace]`: fills the configured database with
// the demo sites, users and N generated interactions.

const USAGE = `Usage: npm run seed -- [--interactions N] [--seed S] [--replace]

  --interactions N  how many interactions to generate, 0 to 1000000 (default 500)
  --seed S          seed of the generator, 0 to 4294967295 (default ${DEFAULT_SEED}); same seed, same data
  --replace         delete all existing sites, users and interactions first`;

interface SeedArguments {
  interactions: number;
  seed: number;
  replace: boolean;
}

class UsageError extends Error {}

const args = readArguments(process.argv.slice(2));
if (args) {
  await run(args).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}

async function run({ interactions, seed, replace }: SeedArguments): Promise<void> {
  const config = loadConfig();
  const target = describeTarget(config);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db);
    if (await hasAnyData(db)) {
      if (!replace) {
        console.error(`Not seeding: ${target} already has data. Add --replace to delete it and seed afresh.`);
        process.exitCode = 1;
        return;
      }
      console.log('Deleting the existing data…');
      await clearAllData(db);
    }

    console.log(`Seeding ${interactions} interactions into ${target} (seed ${seed})…`);
    const started = performance.now();
    let reportedTenths = 0;
    const counts = await seedDemoData(db, {
      interactions,
      seed,
      onProgress(done, total) {
        // About ten lines whatever the count: enough to show it moving, not enough to flood a log.
        const tenths = Math.floor((done * 10) / total);
        if (tenths === reportedTenths) return;
        reportedTenths = tenths;
        console.log(`  ${done} / ${total} (${tenths * 10}%)`);
      }
    });
    const seconds = (performance.now() - started) / 1000;
    const rate = Math.round(counts.interactions / seconds);
    console.log(
      `Seeded ${counts.sites} sites, ${counts.users} users and ${counts.interactions} interactions ` +
        `in ${seconds.toFixed(1)} s (${rate} interactions/s).`
    );
  } finally {
    await db.close();
  }
}

// Names the database without its credentials, which a connection string may carry.
function describeTarget(config: AppConfig): string {
  if (!config.databaseUrl) return `the embedded PGlite database in ${config.dataDir}`;
  const url = new URL(config.databaseUrl);
  return `Postgres at ${url.host}${url.pathname}`;
}

/** The parsed arguments, or undefined after printing help or a usage error. */
function readArguments(argv: string[]): SeedArguments | undefined {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        interactions: { type: 'string' },
        seed: { type: 'string' },
        replace: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false }
      }
    });
    if (values.help) {
      console.log(USAGE);
      return undefined;
    }
    return {
      interactions: integerArgument({
        name: '--interactions',
        text: values.interactions,
        fallback: 500,
        max: 1_000_000
      }),
      seed: integerArgument({ name: '--seed', text: values.seed, fallback: DEFAULT_SEED, max: 2 ** 32 - 1 }),
      replace: values.replace
    };
  } catch (error) {
    if (!(error instanceof UsageError || (error instanceof TypeError && 'code' in error))) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return undefined;
  }
}

function integerArgument(options: { name: string; text?: string; fallback: number; max: number }): number {
  const { name, text, fallback, max } = options;
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > max) {
    throw new UsageError(`${name} must be a whole number from 0 to ${max}, not “${text}”.`);
  }
  return value;
}
