import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse, StreamMessage } from '../../../src/lib/domain/sync-protocol';
import { ORT_FILES, onnxRuntimeFiles } from '../../../sync-server/plugins/model-files';
import { OTHER_AUDIENCE, startOpenIdProvider, type OpenIdProvider } from '../../support/openid-provider';
import { signInOverHttp } from '../../support/openid-sign-in';
import { connectPeer, type Peer } from '../collab/collab-client';
import { testDatabases, type DisposableDatabase } from '../helpers/test-databases';
import { carries, isResync, openStream, type StreamClient } from '../sync/event-stream-client';
import { freePort, processUid, runProgram, startInstance, type InstanceProcess } from './instance-process';
import { startNginx, type NginxProcess } from './nginx-process';
import { installProductionBundle, type ProductionBundle } from './production-bundle';
import { waitFor } from '../../support/wait-for';
import { validFields } from '../../support/valid-fields';

// Two processes on one database: only Postgres can hold them (PGlite is embedded in one process).
const postgres = testDatabases.find((candidate) => candidate.kind === 'postgres');

const AUDIENCE = 'https://ims.example/api';
// People the provider knows (tests/support/openid-provider.ts): Grace runs the organisation, Alan
// records interactions.
const GRACE = { email: 'grace@example.org', name: 'Grace Hopper' };
const ALAN = { email: 'alan@example.org', name: 'Alan Turing' };
const METRICS_TOKEN = 'scrape-token-of-the-deployment-test';
const NOBODY_UID = 65534;

/**
 * The deployment of compose.yaml without a container daemon: the production bundle installed as
 * the Dockerfile installs it, two instances of it with NODE_ENV=production as an unprivileged user
 * on one Postgres, Debian's nginx in front with the deployment's own proxy configuration, and a
 * real OpenID provider (oidc-provider on loopback) as the issuer people sign in with.
 */
describe.skipIf(!postgres)('two production instances behind nginx', () => {
  let database: DisposableDatabase;
  let provider: OpenIdProvider;
  let bundle: ProductionBundle;
  let env: NodeJS.ProcessEnv;
  let instances: InstanceProcess[] = [];
  let nginx: NginxProcess;
  const streams: StreamClient[] = [];
  const peers: Peer[] = [];
  /** Access tokens from the provider, by email. */
  const tokens = new Map<string, string>();
  /** The site Grace creates, where the tests write. */
  let siteId: string;

  beforeAll(async () => {
    [database, provider] = await Promise.all([postgres!.open(), startOpenIdProvider({ audience: AUDIENCE })]);
    bundle = await installProductionBundle();
    const ports = [await freePort(), await freePort()];
    env = {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      // nginx on the same machine is the instances' only client.
      ALLOW_LOOPBACK_HOST: 'true',
      TRUST_PROXY: 'true',
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: '4',
      STATIC_DIR: bundle.staticDir,
      AUTH_ISSUER: provider.issuer,
      AUTH_JWKS_URL: provider.jwksUrl,
      AUTH0_AUDIENCE: AUDIENCE,
      METRICS_TOKEN,
      SHUTDOWN_TIMEOUT_MS: '5000'
    };
    // Both at once, as an orchestrator starts them: the migration lock lets one migrate.
    instances = await Promise.all(ports.map((port) => startInstance({ bundleDir: bundle.dir, port, env })));
    nginx = await startNginx({ port: await freePort(), upstreams: [`127.0.0.1:${ports[0]}`, `127.0.0.1:${ports[1]}`] });
    // The app behind nginx is where the provider sends people back to after signing in.
    provider.registerApp(nginx.url);
    await onboard();
  }, 180_000);

  /**
   * A fresh deployment's first steps, as docs/deployment.md gives them: the first organisation
   * administrator granted with the compiled admin program before she has ever signed in; she signs
   * in (bound by her verified email), creates a site and invites Alan, who signs in and is bound.
   */
  async function onboard(): Promise<void> {
    const grant = await runProgram({ bundleDir: bundle.dir, nodeArgs: ['dist/admin.js', 'grant', GRACE.email], env });
    if (grant.code !== 0) throw new Error(`admin grant failed (${grant.code}): ${grant.stderr}`);
    for (const person of [GRACE, ALAN]) {
      tokens.set(person.email, await signInOverHttp({ provider, appOrigin: nginx.url, audience: AUDIENCE, login: person.email }));
    }
    const site = await api<{ id: string }>(GRACE, 'POST', '/api/sites', {
      name: 'Leeds Community Hub',
      description: null,
      timeZone: 'Europe/London',
      interactionTypes: ['Meeting', 'Call']
    });
    siteId = site.id;
    await api(GRACE, 'POST', `/api/sites/${siteId}/invitations`, { email: ALAN.email, role: 'user' });
  }

  /** A call through nginx with a person's token; throws with the answer unless it succeeds. */
  async function api<T>(person: { email: string }, method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${nginx.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token(person)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} as ${person.email}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }

  afterAll(async () => {
    for (const peer of peers) peer.destroy();
    for (const stream of streams) stream.close();
    await nginx?.stop();
    await Promise.all(instances.map((instance) => instance.stop()));
    await provider?.close();
    await database?.dispose();
    if (bundle) rmSync(bundle.dir, { recursive: true, force: true });
  }, 60_000);

  /** The access token the provider issued to this person at sign-in. */
  function token(person: { email: string }): string {
    const issued = tokens.get(person.email);
    if (!issued) throw new Error(`${person.email} has not signed in`);
    return issued;
  }

  async function createInteraction(baseUrl: string, title: string): Promise<string> {
    const response = await fetch(`${baseUrl}/api/interactions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token(ALAN)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ siteId, ...validFields({ title }) })
    });
    expect(response.status, await response.clone().text()).toBe(201);
    return ((await response.json()) as { id: string }).id;
  }

  async function streamThroughNginx(person: { email: string }): Promise<StreamClient> {
    const stream = await openStream(nginx.url, siteId, token(person));
    if ('status' in stream) throw new Error(`stream refused: ${stream.status} ${JSON.stringify(stream.body)}`);
    streams.push(stream);
    await stream.waitFor(isResync, 'RESYNC');
    return stream;
  }

  /** How many event streams each instance has been asked for, from its own request log. */
  function streamRequestsPerInstance(): number[] {
    return instances.map(
      (instance) =>
        instance.logs.filter(
          (line) => line.msg === 'incoming request' && /\/api\/sync\/[^/]+\/stream$/.test(String((line.req as { url?: string })?.url))
        ).length
    );
  }

  it('answers health, readiness and the app through nginx', async () => {
    expect((await fetch(`${nginx.url}/api/health`)).status).toBe(200);
    expect(await (await fetch(`${nginx.url}/api/ready`)).json()).toEqual({ status: 'ready', database: 'postgres' });
    expect(await (await fetch(`${nginx.url}/`)).text()).toContain(bundle.pageMarker);
  });

  it('spreads requests over both instances', async () => {
    for (let request = 0; request < 4; request++) expect((await fetch(`${nginx.url}/api/health`)).status).toBe(200);
    const answeredBy = new Set(nginx.accessLog().match(/upstream=\S+/g));
    expect([...answeredBy].sort()).toEqual(instances.map((instance) => `upstream=${new URL(instance.url).host}`).sort());
  });

  it('serves ONNX Runtime’s wasm without transformers.js installed, from the copy beside the compiled server', async () => {
    expect(existsSync(join(bundle.dir, 'node_modules', '@huggingface', 'transformers'))).toBe(false);
    const { version } = onnxRuntimeFiles();
    for (const file of ORT_FILES) {
      const response = await fetch(`${nginx.url}/ort/${version}/${file}`);
      expect(response.status, file).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(join(onnxRuntimeFiles().dir, file))), file).toBe(true);
    }
  });

  // Run as root (CI), the instances drop to nobody; run as anyone else, they run as that user.
  const asRoot = process.getuid?.() === 0;
  it(asRoot ? 'runs each instance as nobody, dropped from root' : 'runs each instance as the current user, who is not root', () => {
    for (const instance of instances) {
      const uid = processUid(instance.pid);
      expect(uid).not.toBe(0);
      expect(uid).toBe(asRoot ? NOBODY_UID : process.getuid?.());
    }
  });

  it('has neither the dev token route nor the dev key set', async () => {
    const devToken = await fetch(`${nginx.url}/api/auth/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: GRACE.email })
    });
    expect(devToken.status).toBe(404);
    expect((await fetch(`${nginx.url}/.well-known/jwks.json`)).status).toBe(404);
  });

  it('signs people in with the provider’s tokens: the first administrator and an invited member bound by their verified email', async () => {
    const grace = await api<{ email: string; name: string; orgAdmin: boolean }>(GRACE, 'GET', '/api/users/profile');
    expect(grace).toMatchObject({ email: GRACE.email, name: GRACE.name, orgAdmin: true });
    const alan = await api<{ email: string; name: string; orgAdmin: boolean }>(ALAN, 'GET', '/api/users/profile');
    expect(alan).toMatchObject({ email: ALAN.email, name: ALAN.name, orgAdmin: false });
    const alansSites = await api<{ id: string; role: string }[]>(ALAN, 'GET', '/api/sites');
    expect(alansSites).toEqual([expect.objectContaining({ id: siteId, role: 'user' })]);
  });

  it('refuses a token the same provider signed for another audience', async () => {
    const elsewhere = await fetch(`${nginx.url}/api/sites`, {
      headers: { authorization: `Bearer ${await provider.serviceToken(OTHER_AUDIENCE)}` }
    });
    expect(elsewhere.status).toBe(401);
    expect(((await elsewhere.json()) as { error: { code: string } }).error.code).toBe('AUTH_WRONG_AUDIENCE');
  });

  it('keeps /metrics off the proxy and serves it on each instance to the scrape token', async () => {
    expect((await fetch(`${nginx.url}/metrics`)).status).toBe(404);
    for (const instance of instances) {
      expect((await fetch(`${instance.url}/metrics`)).status).toBe(401);
      const scraped = await fetch(`${instance.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(scraped.status).toBe(200);
    }
  });

  it('delivers a write through either instance to an event stream held open through nginx', async () => {
    const stream = await streamThroughNginx(GRACE);
    // One write on each instance: whichever instance holds the stream, one of them is the other.
    const [onFirst, onSecond] = [
      await createInteraction(instances[0].url, 'Written on the first instance'),
      await createInteraction(instances[1].url, 'Written on the second instance')
    ];
    await stream.waitFor(carries(onFirst), 'the first instance’s write on the stream');
    await stream.waitFor(carries(onSecond), 'the second instance’s write on the stream');
  });

  it('carries live co-editing through nginx’s websocket upgrade', async () => {
    const id = await createInteraction(instances[0].url, 'Edited live');
    const grace = await connectPeer({ baseUrl: nginx.url, token: token(GRACE), id, siteId });
    const alan = await connectPeer({ baseUrl: nginx.url, token: token(ALAN), id, siteId });
    peers.push(grace, alan);
    grace.doc.getText('notes').insert(0, 'Grace was here. ');
    await waitFor(() => alan.notes().startsWith('Grace was here. '), 'Grace’s edit at Alan’s', 15_000);
    alan.doc.getText('notes').insert(alan.notes().length, ' Alan too.');
    await waitFor(() => grace.notes().endsWith(' Alan too.'), 'Alan’s edit at Grace’s', 15_000);
    expect(grace.notes()).toBe(alan.notes());
  });

  it('loses nothing when the instance holding a stream stops: the client reconnects through nginx and catches up', async () => {
    const before = streamRequestsPerInstance();
    const stream = await streamThroughNginx(GRACE);
    const holder = streamRequestsPerInstance().findIndex((count, index) => count > before[index]);
    expect(holder).toBeGreaterThanOrEqual(0);
    const survivor = instances[1 - holder];

    const seen = await createInteraction(survivor.url, 'Before the stop');
    const delivered = await stream.waitFor(carries(seen), 'the write before the stop');
    const { checkpoint } = JSON.parse(delivered.data) as Exclude<StreamMessage, 'RESYNC'>;

    expect(await instances[holder].stop()).toBe(0);
    await stream.ended;
    // Written while the client has no stream: only its catch-up can bring these.
    const missed = [await createInteraction(survivor.url, 'While disconnected 1'), await createInteraction(survivor.url, 'While disconnected 2')];

    const reconnected = await streamThroughNginx(GRACE);
    // RESYNC: pull from the last checkpoint, through nginx, until the missed writes are in.
    const caughtUp = await waitFor(async () => {
      const response = await fetch(`${nginx.url}/api/sync/${siteId}/pull?checkpoint=${encodeURIComponent(checkpoint)}&limit=100`, {
        headers: { authorization: `Bearer ${token(GRACE)}` }
      });
      const page = (await response.json()) as PullResponse;
      const ids = page.documents.map((document) => document.id);
      return missed.every((id) => ids.includes(id)) ? ids : undefined;
    }, 'the missed writes in a pull from the checkpoint', 15_000);
    expect(caughtUp).toEqual(expect.arrayContaining(missed));

    const after = await createInteraction(survivor.url, 'After the reconnect');
    await reconnected.waitFor(carries(after), 'a new write on the reconnected stream');
  });

  it('backs up and restores with the compiled programs of the production install', async () => {
    // Written by the unprivileged user the programs run as, as the instances do.
    const folder = mkdtempSync(join(tmpdir(), 'ims-deployment-backup-'));
    chmodSync(folder, 0o777);
    const restored = await postgres!.open();
    try {
      const file = join(folder, 'ims.dump');
      const backup = await runProgram({ bundleDir: bundle.dir, nodeArgs: ['dist/backup.js', '--output', file], env });
      expect(backup.code, backup.stderr).toBe(0);
      const restore = await runProgram({ bundleDir: bundle.dir, nodeArgs: ['dist/restore.js', file], env: { ...env, DATABASE_URL: restored.url } });
      expect(restore.code, restore.stderr).toBe(0);

      // Every row of what the deployment wrote (tests/server/backup proves the rest of the format).
      for (const table of ['users', 'sites', 'user_sites', 'interactions', 'interaction_history', 'audit_log']) {
        const rows = async (db: DisposableDatabase['db']) => (await db.query(`SELECT * FROM ${table} ORDER BY 1, 2`)).rows;
        const written = await rows(database.db);
        expect(written.length, table).toBeGreaterThan(0);
        expect(await rows(restored.db), table).toEqual(written);
      }
    } finally {
      await restored.dispose();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
