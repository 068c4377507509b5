import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Database } from '../../../sync-server/db/database';
import { DEMO_USERS } from '../../../sync-server/demo/demo-directory';
import { seedDemoData } from '../../../sync-server/demo/seed-demo-data';
import { buildTestApp } from './build-app';
import type { TestDatabase } from './test-databases';

export type DemoEmail = (typeof DEMO_USERS)[number]['email'];

export interface ApiFixture {
  app: FastifyInstance;
  db: Database;
  /** The database's connection string, for a second app on it (Postgres only). */
  url?: string;
  /** A dev-issuer access token for a demo user, obtained through the token endpoint. */
  token(email: string): Promise<string>;
  /** Sends a request as a demo user. */
  as(email: string, request: InjectOptions): Promise<LightMyRequestResponse>;
  dispose(): Promise<void>;
}

export interface ApiFixtureOptions {
  /** Demo interactions to seed besides the sites and users; none by default. */
  interactions?: number;
  env?: NodeJS.ProcessEnv;
}

/** The real app on a fresh database of the given kind, with the demo sites and users seeded. */
export async function openApiFixture(testDatabase: TestDatabase, options: ApiFixtureOptions = {}): Promise<ApiFixture> {
  const handle = await testDatabase.open();
  const app = await buildTestApp({ database: handle.db, env: options.env });
  await seedDemoData(handle.db, { interactions: options.interactions ?? 0 });

  const tokens = new Map<string, string>();
  async function token(email: string): Promise<string> {
    const cached = tokens.get(email);
    if (cached) return cached;
    const response = await app.inject({ method: 'POST', url: '/api/auth/dev/token', payload: { email } });
    if (response.statusCode !== 200) throw new Error(`no token for ${email}: ${response.body}`);
    const accessToken = response.json().access_token as string;
    tokens.set(email, accessToken);
    return accessToken;
  }

  return {
    app,
    db: handle.db,
    url: handle.url,
    token,
    async as(email, request) {
      const headers = { ...request.headers, authorization: `Bearer ${await token(email)}` };
      return app.inject({ ...request, headers });
    },
    async dispose() {
      await app.close();
      await handle.dispose();
    }
  };
}

export function demoUser(email: DemoEmail) {
  const user = DEMO_USERS.find((candidate) => candidate.email === email);
  if (!user) throw new Error(`no demo user ${email}`);
  return user;
}
